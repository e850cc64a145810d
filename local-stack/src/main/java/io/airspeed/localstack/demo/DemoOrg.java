package io.airspeed.localstack.demo;

import io.airspeed.localstack.api.DevTokens;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An org bootstrapped with the demo people of {@code aircall-simulator/README.md}: its id, each
 * person's Airspeed user id by email, and tokens for them.
 */
public record DemoOrg(String name, UUID orgId, Map<String, UUID> userIds, String adminEmail, DevTokens tokens) {

    public UUID userId(String email) {
        UUID id = userIds.get(email.toLowerCase(Locale.ROOT));
        if (id == null) {
            throw new IllegalArgumentException("No demo user " + email + " in " + name);
        }
        return id;
    }

    public String adminToken() {
        return tokens.admin(orgId, userId(adminEmail), adminEmail);
    }

    /** A member token for any user of the org (what a non-admin's browser would hold). */
    public String memberToken(String email) {
        return tokens.member(orgId, userId(email), email.toLowerCase(Locale.ROOT));
    }
}
