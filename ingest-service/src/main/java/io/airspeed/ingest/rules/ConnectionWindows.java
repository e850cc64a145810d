package io.airspeed.ingest.rules;

import java.time.Instant;
import java.util.List;

/** The periods the org's integration was connected; a call counts by the instant it started. */
public record ConnectionWindows(List<Window> windows) {

    public ConnectionWindows {
        windows = List.copyOf(windows);
    }

    /** {@code to} is null while the window is open. */
    public record Window(Instant from, Instant to) {
        public boolean contains(Instant instant) {
            return !instant.isBefore(from) && (to == null || instant.isBefore(to));
        }
    }

    public boolean contains(Instant instant) {
        return windows.stream().anyMatch(window -> window.contains(instant));
    }
}
