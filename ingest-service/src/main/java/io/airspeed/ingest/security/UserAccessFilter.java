package io.airspeed.ingest.security;

import io.airspeed.ingest.rest.Problem;
import io.airspeed.ingest.service.UserAccessService;
import io.airspeed.ingest.service.UserAccessService.Refusal;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.UUID;

/**
 * Refuses, on {@code /api/**}, the user tokens of users users-service has since deactivated or
 * demoted from admin, whatever the token's lifetime (issue 12 item 4): a 403 problem from the
 * in-memory view of {@link UserAccessService}, never a database round trip per request. Service
 * tokens and anonymous requests pass through to the usual checks.
 */
public class UserAccessFilter {

    private final CurrentIdentityAssociation identities;
    private final UserAccessService access;
    private final String serviceIssuer;

    UserAccessFilter(CurrentIdentityAssociation identities, UserAccessService access,
                     @ConfigProperty(name = "quarkus.oidc.service.token.issuer") String serviceIssuer) {
        this.identities = identities;
        this.access = access;
        this.serviceIssuer = serviceIssuer;
    }

    @ServerRequestFilter
    public Uni<Response> refuseRevokedUsers(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .map(identity -> refusalOf(identity, path));
    }

    private Response refusalOf(SecurityIdentity identity, String path) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || serviceIssuer.equals(token.getIssuer())) {
            return null;
        }
        UUID userId = uuid(token.getSubject());
        UUID orgId = uuid(token.getClaim("org_id"));
        if (userId == null || orgId == null) {
            return null;
        }
        return access.refusal(orgId, userId, identity.hasRole(Caller.ADMIN))
                .map(refusal -> refusal == Refusal.DEACTIVATED
                        ? forbidden("Account deactivated", "This account has been deactivated; ask an admin of your org", path)
                        : forbidden("No longer an admin", "This account is no longer an admin; sign in again", path))
                .orElse(null);
    }

    private static Response forbidden(String title, String detail, String path) {
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, 403, detail, path, null)).build();
    }

    private static UUID uuid(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
