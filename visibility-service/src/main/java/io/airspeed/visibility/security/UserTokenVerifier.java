package io.airspeed.visibility.security;

import io.airspeed.visibility.domain.Viewer;
import io.airspeed.visibility.service.NotAllowedException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * The viewer behind an internal access check. A service asks on a user's behalf; whether that user
 * is an admin is not the asking service's word but the user's own token, which this service
 * verifies exactly as it verifies tokens on {@code /api} (same key, issuer and expiry rules). No
 * token: the user is judged as a member, so a missing token can only ever hide a call, never show one.
 */
@ApplicationScoped
public class UserTokenVerifier {

    private final JWTParser parser;

    UserTokenVerifier(JWTParser parser) {
        this.parser = parser;
    }

    public Viewer viewer(UUID orgId, UUID userId, String userToken) {
        if (userToken == null || userToken.isBlank()) {
            return new Viewer(orgId, userId, false);
        }
        String raw = userToken.startsWith("Bearer ") ? userToken.substring("Bearer ".length()).trim() : userToken.trim();
        JsonWebToken token;
        try {
            token = parser.parse(raw);
        } catch (ParseException e) {
            throw new NotAllowedException("The user token does not verify");
        }
        if (!userId.toString().equals(token.getSubject())
                || !orgId.toString().equals(String.valueOf((Object) token.getClaim("org_id")))) {
            throw new NotAllowedException("The user token belongs to another user or org than the one asked about");
        }
        return new Viewer(orgId, userId, token.getGroups().contains(Caller.ADMIN));
    }
}
