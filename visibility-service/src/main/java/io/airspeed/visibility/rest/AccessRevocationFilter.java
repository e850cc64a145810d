package io.airspeed.visibility.rest;

import io.airspeed.visibility.security.AccessRevokedException;
import io.airspeed.visibility.security.AccessView;
import io.airspeed.visibility.security.Caller;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.UUID;

/**
 * Refuses, on {@code /api/**}, a verified user token of someone deactivated ("Account
 * deactivated") and an admin token of someone who is no longer an admin ("No longer an admin"),
 * whatever the token's lifetime; reactivation or re-promotion lets the same token in again. The
 * answer comes from {@link AccessView}, in memory: no database round trip per request.
 */
public class AccessRevocationFilter {

    private final CurrentIdentityAssociation identities;
    private final AccessView access;
    private final String serviceIssuer;

    AccessRevocationFilter(CurrentIdentityAssociation identities, AccessView access,
                           @ConfigProperty(name = "quarkus.oidc.service.token.issuer") String serviceIssuer) {
        this.identities = identities;
        this.access = access;
        this.serviceIssuer = serviceIssuer;
    }

    @ServerRequestFilter
    public Uni<Void> refuseRevokedTokens(ContainerRequestContext request) {
        if (!request.getUriInfo().getRequestUri().getPath().startsWith("/api/")) {
            return null;
        }
        return identities.getDeferredIdentity().invoke(this::check).replaceWithVoid();
    }

    private void check(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || serviceIssuer.equals(token.getIssuer())) {
            return;
        }
        UUID orgId = uuid(token.getClaim("org_id"));
        UUID userId = uuid(token.getSubject());
        if (orgId == null || userId == null) {
            return; // Caller refuses such a token where an endpoint needs the claim.
        }
        AccessView.Restriction restriction = access.of(orgId, userId);
        if (restriction == AccessView.Restriction.DEACTIVATED
                || (restriction == AccessView.Restriction.NOT_ADMIN && identity.hasRole(Caller.ADMIN))) {
            throw AccessRevokedException.of(restriction);
        }
    }

    private static UUID uuid(Object claim) {
        if (claim == null) {
            return null;
        }
        try {
            return UUID.fromString(claim.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
