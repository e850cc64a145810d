package io.airspeed.testsupport;

import io.airspeed.devtokens.DevJwt;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens for the services' tests, minted by the one dev minter ({@link DevJwt}): user tokens with
 * {@code dev/jwt} (issuer {@code airspeed-dev}), service tokens with {@code dev/service-jwt}
 * (issuer {@code airspeed-services-dev}, audience {@code airspeed-internal}), and the forged ones
 * every service must refuse ({@link #forged}), defined once for the three suites.
 */
public final class DevTokens {

    public static final String ISSUER = DevJwt.USER_ISSUER;
    public static final String SERVICE_ISSUER = DevJwt.SERVICE_ISSUER;
    public static final String SERVICE_AUDIENCE = DevJwt.SERVICE_AUDIENCE;

    private static DevJwt minter;

    private DevTokens() {
    }

    public static String admin(UUID orgId, UUID userId, String email) {
        return user(orgId, userId, email, "admin");
    }

    public static String member(UUID orgId, UUID userId, String email) {
        return user(orgId, userId, email, "member");
    }

    public static String user(UUID orgId, UUID userId, String email, String group) {
        return minter().user(orgId, userId, email, group);
    }

    /** A service-to-service / CronJob token: the service issuer and audience, group {@code service}, no org. */
    public static String service() {
        return minter().service("ingest-service");
    }

    /** Any claims, signed with the chosen dev key ({@code iat}, {@code exp}, {@code jti} added unless given). */
    public static String sign(DevJwt.Key key, Map<String, Object> claims) {
        return minter().sign(key, claims);
    }

    /** Signed by a key the services do not trust: must be rejected with 401. */
    public static String signedByStranger(UUID orgId, UUID userId) throws GeneralSecurityException {
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return io.smallrye.jwt.build.Jwt.issuer(ISSUER).subject(userId.toString()).groups(java.util.Set.of("admin"))
                .claim("org_id", orgId.toString()).sign(generator.generateKeyPair().getPrivate());
    }

    /** Expired an hour ago: must be rejected with 401. */
    public static String expired(UUID orgId, UUID userId) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new java.util.LinkedHashMap<>(DevJwt.userClaims(orgId, userId, "expired@example.com", "admin"));
        claims.put("iat", now - 7200);
        claims.put("exp", now - 3600);
        return sign(DevJwt.Key.USER, claims);
    }

    /**
     * A token a service must refuse, and how: {@code 401} when it fails verification (bad signature,
     * issuer, audience or algorithm), {@code 403} when it verifies but claims a role its issuer may not
     * grant, so it is left with none. The status is the same on every endpoint.
     */
    public record Forged(String name, String token, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The refusal matrix of issue 10, for an admin of {@code orgId}: whoever holds one key, or none,
     * cannot pass for the other kind of caller.
     */
    public static List<Forged> forged(UUID orgId, UUID adminId) {
        Map<String, Object> admin = DevJwt.userClaims(orgId, adminId, "admin@example.com", "admin");
        Map<String, Object> service = DevJwt.serviceClaims("ingest-service");
        return List.of(
                new Forged("alg=none, admin claims", DevJwt.unsigned(admin), 401),
                new Forged("alg=none, service claims", DevJwt.unsigned(service), 401),
                new Forged("unknown issuer, user key", sign(DevJwt.Key.USER, with(admin, "iss", "airspeed-elsewhere")), 401),
                new Forged("unknown issuer, service key", sign(DevJwt.Key.SERVICE, with(service, "iss", "airspeed-elsewhere")), 401),
                new Forged("service token, wrong audience", sign(DevJwt.Key.SERVICE, with(service, "aud", "somebody-else")), 401),
                new Forged("service token, no audience", sign(DevJwt.Key.SERVICE, without(service, "aud")), 401),
                new Forged("admin claims of the user issuer signed with the service key", sign(DevJwt.Key.SERVICE, admin), 401),
                new Forged("service claims of the service issuer signed with the user key", sign(DevJwt.Key.USER, service), 401),
                // What ingest-service minted before issue 10: the user key, the user issuer, group service.
                new Forged("group service from the user issuer (user key)",
                        sign(DevJwt.Key.USER, without(with(service, "iss", ISSUER), "aud")), 403),
                // Whoever holds the service key claiming to be an org's admin.
                new Forged("group admin and an org from the service issuer (service key)",
                        sign(DevJwt.Key.SERVICE, with(with(admin, "iss", SERVICE_ISSUER), "aud", SERVICE_AUDIENCE)), 403));
    }

    /** Where the dev user key pair lives ({@code dev/jwt}). */
    public static Path devKeyDirectory() {
        return DevJwt.findRepositoryRoot().resolve(DevJwt.USER_KEYS);
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> changed = new java.util.LinkedHashMap<>(claims);
        changed.put(name, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> claims, String name) {
        Map<String, Object> changed = new java.util.LinkedHashMap<>(claims);
        changed.remove(name);
        return changed;
    }

    private static synchronized DevJwt minter() {
        if (minter == null) {
            minter = DevJwt.fromRepository(DevJwt.findRepositoryRoot());
        }
        return minter;
    }
}
