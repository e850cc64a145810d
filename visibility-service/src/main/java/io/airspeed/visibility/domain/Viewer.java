package io.airspeed.visibility.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Someone who wants to see calls: a user of one org, admin or not. On {@code /api} it comes from
 * the verified token only; the internal access check builds one from its query parameters.
 */
public record Viewer(UUID orgId, UUID userId, boolean admin) {

    public Viewer {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
    }
}
