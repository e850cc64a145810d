package io.airspeed.aircall.simulator.model;

import java.util.Objects;

/** An Aircall line. {@code liveRecordingActivated} decides whether calls on it can have a recording. */
public record SimulatedNumber(
        long id,
        String name,
        String digits,
        String country,
        String timeZone,
        boolean isIvr,
        boolean liveRecordingActivated) {

    public SimulatedNumber {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(digits, "digits");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(timeZone, "timeZone");
    }
}
