package io.airspeed.localstack.api;

import io.airspeed.devtokens.DevJwt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The dev tokens the launcher hands out and uses: user tokens with {@code dev/jwt} (issuer
 * {@code airspeed-dev}: {@code sub}, {@code org_id}, {@code groups}, {@code upn}) and service
 * tokens with {@code dev/service-jwt} (issuer {@code airspeed-services-dev}, audience
 * {@code airspeed-internal}). Minted by the one dev minter, {@link DevJwt}, which the services'
 * tests use too.
 */
public final class DevTokens {

    public static final String ISSUER = DevJwt.USER_ISSUER;
    public static final String SERVICE_ISSUER = DevJwt.SERVICE_ISSUER;
    public static final String SERVICE_AUDIENCE = DevJwt.SERVICE_AUDIENCE;
    public static final Duration LIFETIME = DevJwt.LIFETIME;

    private final DevJwt minter;

    private DevTokens(DevJwt minter) {
        this.minter = minter;
    }

    /** Reads both dev private keys ({@code dev/jwt}, {@code dev/service-jwt}) under the repository root. */
    public static DevTokens fromRepository(Path root) {
        return new DevTokens(DevJwt.fromRepository(root));
    }

    public String admin(UUID orgId, UUID userId, String email) {
        return user(orgId, userId, email, "admin");
    }

    public String member(UUID orgId, UUID userId, String email) {
        return user(orgId, userId, email, "member");
    }

    public String user(UUID orgId, UUID userId, String email, String group) {
        return minter.user(orgId, userId, email, group);
    }

    /** A service-to-service token: the service issuer and audience, group {@code service}, no org. */
    public String service() {
        return minter.service("local-stack");
    }
}
