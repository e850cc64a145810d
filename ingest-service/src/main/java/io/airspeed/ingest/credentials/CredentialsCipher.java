package io.airspeed.ingest.credentials;

import io.airspeed.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * AES-256-GCM for the Aircall credentials at rest. Each value gets a fresh 96-bit IV, stored in
 * front of the ciphertext; the org id is bound as associated data, so a ciphertext copied to
 * another org's row does not decrypt.
 */
@ApplicationScoped
public class CredentialsCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Optional<SecretKeySpec> key;

    CredentialsCipher(IngestConfig config) {
        this.key = config.credentialsKey().filter(value -> !value.isBlank()).map(CredentialsCipher::parseKey);
    }

    public byte[] encrypt(String plaintext, String associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt credentials", e);
        }
    }

    public String decrypt(byte[] stored, String associatedData) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored credentials do not decrypt with the configured key", e);
        }
    }

    private SecretKeySpec key() {
        return key.orElseThrow(() -> new IllegalStateException(
                "INGEST_CREDENTIALS_KEY is not set: a base64 AES-256 key is required to store Aircall credentials"));
    }

    private static SecretKeySpec parseKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("INGEST_CREDENTIALS_KEY is not valid base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("INGEST_CREDENTIALS_KEY must be 32 bytes (AES-256), got " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
