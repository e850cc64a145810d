package io.airspeed.aircall.simulator.model;

import java.util.Objects;

public record SimulatedTag(long id, String name) {

    public SimulatedTag {
        Objects.requireNonNull(name, "name");
    }
}
