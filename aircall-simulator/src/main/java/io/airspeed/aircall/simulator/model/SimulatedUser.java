package io.airspeed.aircall.simulator.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An Aircall user (agent). {@code createdAt} is rendered as an ISO-8601 string, unlike call times.
 * Immutable, so its JSON can be rendered once and reused on every page.
 */
public record SimulatedUser(
        long id,
        String name,
        String email,
        boolean available,
        String availabilityStatus,
        Instant createdAt,
        String timeZone,
        String language) {

    public SimulatedUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(availabilityStatus, "availabilityStatus");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(language, "language");
    }

    /** An available agent with Aircall's usual defaults. */
    public static SimulatedUser of(long id, String name, String email, Instant createdAt) {
        return new SimulatedUser(id, name, email, true, "available", createdAt, "Europe/Paris", "en-US");
    }
}
