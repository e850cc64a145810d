package io.airspeed.localstack.api;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints RS256 tokens with the repository's dev-only key ({@code dev/jwt/private.pem}, issuer
 * {@code airspeed-dev}) carrying the claims of the product spec: {@code sub}, {@code org_id},
 * {@code groups}, {@code upn}. Plain JDK signing, so the launcher needs no JWT library.
 */
public final class DevTokens {

    public static final String ISSUER = "airspeed-dev";
    public static final Duration LIFETIME = Duration.ofHours(12);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;

    private DevTokens(PrivateKey key) {
        this.key = key;
    }

    /** Reads a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}). */
    public static DevTokens fromPem(Path privateKeyPem) {
        try {
            String pem = Files.readString(privateKeyPem);
            String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new DevTokens(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dev JWT key " + privateKeyPem, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(privateKeyPem + " is not a PKCS#8 RSA private key", e);
        }
    }

    public String admin(UUID orgId, UUID userId, String email) {
        return user(orgId, userId, email, "admin");
    }

    public String member(UUID orgId, UUID userId, String email) {
        return user(orgId, userId, email, "member");
    }

    public String user(UUID orgId, UUID userId, String email, String group) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", userId.toString());
        claims.put("upn", email);
        claims.put("groups", List.of(group));
        claims.put("org_id", orgId.toString());
        return sign(claims);
    }

    /** A service-to-service token: group {@code service}, no org. */
    public String service() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "local-stack");
        claims.put("groups", List.of("service"));
        return sign(claims);
    }

    private String sign(Map<String, Object> claims) {
        Instant now = Instant.now();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", ISSUER);
        payload.putAll(claims);
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", now.plus(LIFETIME).getEpochSecond());
        payload.put("jti", UUID.randomUUID().toString());
        try {
            String header = encode(Map.of("alg", "RS256", "typ", "JWT", "kid", "airspeed-dev"));
            String signingInput = header + "." + encode(payload);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not sign a dev token", e);
        }
    }

    private static String encode(Map<String, Object> json) throws IOException {
        return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
    }
}
