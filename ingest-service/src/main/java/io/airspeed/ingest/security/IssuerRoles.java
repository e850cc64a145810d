package io.airspeed.ingest.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * A role counts only when the issuer entitled to grant it signed the token: {@code service} only
 * from the service issuer, {@code admin} and {@code member} only from the user issuer. Without
 * this, a token the user issuer signed with {@code groups: ["service"]} would trigger ingestion of
 * every org, and a service-key token claiming {@code admin} would be an admin of any org. The
 * token's {@code iss} is verified by then: each OIDC tenant accepts only its own issuer.
 */
@ApplicationScoped
public class IssuerRoles implements SecurityIdentityAugmentor {

    private static final Set<String> USER_ROLES = Set.of(Caller.ADMIN, Caller.MEMBER);
    private static final Set<String> SERVICE_ROLES = Set.of(Caller.SERVICE);

    private final String serviceIssuer;

    IssuerRoles(@ConfigProperty(name = "quarkus.oidc.service.token.issuer") String serviceIssuer) {
        this.serviceIssuer = serviceIssuer;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> grantable = serviceIssuer.equals(token.getIssuer()) ? SERVICE_ROLES : USER_ROLES;
        QuarkusSecurityIdentity.Builder kept = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addPermissionChecker(identity::checkPermission);
        identity.getRoles().stream().filter(grantable::contains).forEach(kept::addRole);
        return Uni.createFrom().item(kept.build());
    }
}
