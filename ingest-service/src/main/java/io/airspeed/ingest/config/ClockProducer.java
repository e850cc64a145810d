package io.airspeed.ingest.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

public class ClockProducer {

    /** Microsecond ticks: what PostgreSQL stores is then exactly what the code compares. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
