package io.airspeed.ingest.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * The person behind the request, from the verified token. The org is taken from here and only
 * from here, so no path or body can name another org's data.
 */
@RequestScoped
public class Caller {

    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String SERVICE = "service";

    @Inject
    JsonWebToken token;

    /** Roles as {@link IssuerRoles} left them: only those the token's issuer may grant. */
    @Inject
    SecurityIdentity identity;

    public UUID orgId() {
        return uuidClaim("org_id");
    }

    public UUID userId() {
        return uuidClaim("sub");
    }

    public boolean isService() {
        return identity.hasRole(SERVICE);
    }

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }

    /** The verified token as it came, for a service that must verify the user itself. */
    public String rawToken() {
        return token.getRawToken();
    }

    private UUID uuidClaim(String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            throw new ForbiddenException("The token carries no " + name + " claim");
        }
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            throw new ForbiddenException("The token's " + name + " claim is not a UUID");
        }
    }
}
