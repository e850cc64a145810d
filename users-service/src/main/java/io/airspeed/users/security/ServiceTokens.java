package io.airspeed.users.security;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The short-lived {@code service} token users-service presents to ingest-service and
 * visibility-service when it delivers roster changes: the service issuer and audience the
 * services verify ({@code quarkus.oidc.service.token.*}), signed with the service key at
 * {@code smallrye.jwt.sign.key.location} (a mounted Secret in production), as ingest-service
 * does. That key verifies no user token, so holding it does not make anyone an admin.
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

    private final String issuer;
    private final String audience;
    private volatile String token;
    private volatile Instant expiresAt = Instant.EPOCH;

    ServiceTokens(@ConfigProperty(name = "quarkus.oidc.service.token.issuer") String issuer,
                  @ConfigProperty(name = "quarkus.oidc.service.token.audience") String audience) {
        this.issuer = issuer;
        this.audience = audience;
    }

    public String bearer() {
        Instant now = Instant.now();
        if (now.plus(RENEW_BEFORE).isAfter(expiresAt)) {
            synchronized (this) {
                if (now.plus(RENEW_BEFORE).isAfter(expiresAt)) {
                    Instant until = now.plus(LIFETIME);
                    token = Jwt.issuer(issuer).audience(audience).subject("users-service").groups(Set.of(Caller.SERVICE))
                            .issuedAt(now).expiresAt(until).sign();
                    expiresAt = until;
                }
            }
        }
        return "Bearer " + token;
    }
}
