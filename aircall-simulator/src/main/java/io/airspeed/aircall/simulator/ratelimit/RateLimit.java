package io.airspeed.aircall.simulator.ratelimit;

import java.time.Duration;
import java.util.Objects;

/** {@code requests} per {@code window}; 0 requests means unthrottled. */
public record RateLimit(int requests, Duration window) {

    public static final RateLimit AIRCALL_DEFAULT = perMinute(60);
    public static final RateLimit UNLIMITED = new RateLimit(0, Duration.ofMinutes(1));

    public RateLimit {
        Objects.requireNonNull(window, "window");
        if (requests < 0) {
            throw new IllegalArgumentException("requests must not be negative");
        }
        if (window.toMillis() <= 0) {
            throw new IllegalArgumentException("window must be positive");
        }
    }

    public static RateLimit perMinute(int requests) {
        return new RateLimit(requests, Duration.ofMinutes(1));
    }

    public boolean unlimited() {
        return requests == 0;
    }
}
