package io.airspeed.aircall.simulator.model;

import java.time.Instant;
import java.util.Objects;

/** A team an inbound call rang. */
public record SimulatedTeam(long id, String name, Instant createdAt) {

    public SimulatedTeam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
