package io.airspeed.devtokens;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * The one minter of dev-only tokens, with the plain JDK so the launcher needs no JWT library.
 * Two key pairs, two issuers (product spec section 4): user tokens with {@code dev/jwt}
 * (issuer {@code airspeed-dev}, claims {@code sub}, {@code org_id}, {@code groups}, {@code upn}),
 * service tokens with {@code dev/service-jwt} (issuer {@code airspeed-services-dev}, audience
 * {@code airspeed-internal}, {@code groups: ["service"]}, no org). {@link #sign} takes any claims
 * and either key, so tests can also mint the tokens the services must refuse.
 */
public final class DevJwt {

    public static final String USER_ISSUER = "airspeed-dev";
    public static final String SERVICE_ISSUER = "airspeed-services-dev";
    public static final String SERVICE_AUDIENCE = "airspeed-internal";
    public static final Duration LIFETIME = Duration.ofHours(12);
    /** Where the key pairs live, relative to the repository root. */
    public static final String USER_KEYS = "dev/jwt";
    public static final String SERVICE_KEYS = "dev/service-jwt";

    /** Which dev key signs. */
    public enum Key {
        USER("airspeed-dev"), SERVICE("airspeed-services-dev");

        final String keyId;

        Key(String keyId) {
            this.keyId = keyId;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey userKey;
    private final PrivateKey serviceKey;

    private DevJwt(PrivateKey userKey, PrivateKey serviceKey) {
        this.userKey = userKey;
        this.serviceKey = serviceKey;
    }

    /** Reads both dev private keys under the repository root. */
    public static DevJwt fromRepository(Path root) {
        return new DevJwt(readPkcs8(root.resolve(USER_KEYS).resolve("private.pem")),
                readPkcs8(root.resolve(SERVICE_KEYS).resolve("private.pem")));
    }

    /** The first directory at or above the working directory holding both dev key pairs. */
    public static Path findRepositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(USER_KEYS).resolve("private.pem"))
                    && Files.isRegularFile(dir.resolve(SERVICE_KEYS).resolve("private.pem"))) {
                return dir;
            }
        }
        throw new IllegalStateException(USER_KEYS + " and " + SERVICE_KEYS + " not found at or above " + Path.of("").toAbsolutePath());
    }

    // --- the tokens the services accept ---------------------------------------------------------

    public String user(UUID orgId, UUID userId, String email, String group) {
        return sign(Key.USER, userClaims(orgId, userId, email, group));
    }

    public String service(String subject) {
        return sign(Key.SERVICE, serviceClaims(subject));
    }

    /** A user's claims as the user issuer writes them. */
    public static Map<String, Object> userClaims(UUID orgId, UUID userId, String email, String group) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", USER_ISSUER);
        claims.put("sub", userId.toString());
        claims.put("upn", email);
        claims.put("groups", List.of(group));
        claims.put("org_id", orgId.toString());
        return claims;
    }

    /** A service's claims as the service issuer writes them: audience, group service, no org. */
    public static Map<String, Object> serviceClaims(String subject) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", SERVICE_ISSUER);
        claims.put("aud", SERVICE_AUDIENCE);
        claims.put("sub", subject);
        claims.put("groups", List.of("service"));
        return claims;
    }

    // --- signing -------------------------------------------------------------------------------

    /** RS256 over {@code claims}, adding {@code iat}, {@code exp} ({@link #LIFETIME}) and {@code jti} unless given. */
    public String sign(Key key, Map<String, Object> claims) {
        try {
            String signingInput = encode(header("RS256", key.keyId)) + "." + encode(withTimes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key == Key.USER ? userKey : serviceKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a dev token", e);
        }
    }

    /** {@code alg: none} and no signature: what a forger sends hoping the verifier skips the check. */
    public static String unsigned(Map<String, Object> claims) {
        return encode(header("none", null)) + "." + encode(withTimes(claims)) + ".";
    }

    private static Map<String, Object> header(String alg, String keyId) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        return header;
    }

    private static Map<String, Object> withTimes(Map<String, Object> claims) {
        Instant now = Instant.now();
        Map<String, Object> payload = new LinkedHashMap<>(claims);
        payload.putIfAbsent("iat", now.getEpochSecond());
        payload.putIfAbsent("exp", now.plus(LIFETIME).getEpochSecond());
        payload.putIfAbsent("jti", UUID.randomUUID().toString());
        return payload;
    }

    private static String encode(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Claims are not JSON: " + json, e);
        }
    }

    private static PrivateKey readPkcs8(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dev key " + pem, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(pem + " is not a PKCS#8 RSA private key", e);
        }
    }
}
