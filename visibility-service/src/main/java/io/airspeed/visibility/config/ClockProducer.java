package io.airspeed.visibility.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

public class ClockProducer {

    /** Microsecond ticks: what PostgreSQL's timestamptz keeps, so answers match what is stored. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
