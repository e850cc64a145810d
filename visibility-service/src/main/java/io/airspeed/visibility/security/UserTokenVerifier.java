package io.airspeed.visibility.security;

import io.airspeed.visibility.domain.Viewer;
import io.airspeed.visibility.service.NotAllowedException;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * The viewer behind an internal access check. A service asks on a user's behalf; whether that user
 * is an admin is not the asking service's word but the user's own token, which this service
 * verifies exactly as it verifies user tokens on {@code /api}: by the default OIDC tenant, the user
 * issuer's keys, issuer and expiry rules (a service token cannot pass it). No token: the user is
 * judged as a member, so a missing token can only ever hide a call, never show one.
 */
@ApplicationScoped
public class UserTokenVerifier {

    private final TenantIdentityProvider userTokens;

    UserTokenVerifier(TenantIdentityProvider userTokens) {
        this.userTokens = userTokens;
    }

    public Uni<Viewer> viewer(UUID orgId, UUID userId, String userToken) {
        if (userToken == null || userToken.isBlank()) {
            return Uni.createFrom().item(new Viewer(orgId, userId, false));
        }
        String raw = userToken.startsWith("Bearer ") ? userToken.substring("Bearer ".length()).trim() : userToken.trim();
        return userTokens.authenticate(new AccessTokenCredential(raw))
                .onFailure(AuthenticationFailedException.class)
                .transform(failure -> new NotAllowedException("The user token does not verify"))
                .map(identity -> {
                    JsonWebToken token = (JsonWebToken) identity.getPrincipal();
                    if (!userId.toString().equals(token.getSubject())
                            || !orgId.toString().equals(String.valueOf((Object) token.getClaim("org_id")))) {
                        throw new NotAllowedException("The user token belongs to another user or org than the one asked about");
                    }
                    return new Viewer(orgId, userId, identity.hasRole(Caller.ADMIN));
                });
    }
}
