package io.airspeed.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Mints RS256 tokens with the repository's dev-only key ({@code dev/jwt/private.pem}, issuer
 * {@code airspeed-dev}) carrying the claims of the product spec: {@code sub}, {@code org_id},
 * {@code groups}, {@code upn}.
 */
public final class DevTokens {

    public static final String ISSUER = "airspeed-dev";

    private static PrivateKey privateKey;

    private DevTokens() {
    }

    public static String admin(UUID orgId, UUID userId, String email) {
        return user(orgId, userId, email, "admin");
    }

    public static String member(UUID orgId, UUID userId, String email) {
        return user(orgId, userId, email, "member");
    }

    public static String user(UUID orgId, UUID userId, String email, String group) {
        return Jwt.issuer(ISSUER)
                .subject(userId.toString())
                .upn(email)
                .groups(Set.of(group))
                .claim("org_id", orgId.toString())
                .expiresIn(Duration.ofHours(12))
                .jws().keyId("airspeed-dev")
                .sign(key());
    }

    /** A service-to-service / CronJob token: group {@code service}, no org. */
    public static String service() {
        return Jwt.issuer(ISSUER)
                .subject("ingest-service")
                .groups(Set.of("service"))
                .expiresIn(Duration.ofHours(12))
                .jws().keyId("airspeed-dev")
                .sign(key());
    }

    /** Signed by a key the services do not trust: must be rejected with 401. */
    public static String signedByStranger(UUID orgId, UUID userId) throws GeneralSecurityException {
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Jwt.issuer(ISSUER).subject(userId.toString()).groups(Set.of("admin"))
                .claim("org_id", orgId.toString()).sign(generator.generateKeyPair().getPrivate());
    }

    /** Expired an hour ago: must be rejected with 401. */
    public static String expired(UUID orgId, UUID userId) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER).subject(userId.toString()).groups(Set.of("admin"))
                .claim("org_id", orgId.toString()).issuedAt(now - 7200).expiresAt(now - 3600).sign(key());
    }

    public static Path devKeyDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("dev/jwt");
            if (Files.isRegularFile(candidate.resolve("private.pem"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("dev/jwt/private.pem not found above " + Path.of("").toAbsolutePath());
    }

    private static synchronized PrivateKey key() {
        if (privateKey == null) {
            try {
                privateKey = KeyUtils.decodePrivateKey(Files.readString(devKeyDirectory().resolve("private.pem")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("dev/jwt/private.pem is not a PKCS#8 RSA key", e);
            }
        }
        return privateKey;
    }
}
