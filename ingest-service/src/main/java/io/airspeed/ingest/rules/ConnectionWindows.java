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

    /**
     * Where {@code instant} falls: covered, before the first window, or in the uncovered gap
     * between two windows (the exact range a backfill would have to cover).
     */
    public WindowPlacement placement(Instant instant) {
        if (contains(instant)) {
            return WindowPlacement.COVERED;
        }
        if (windows.isEmpty()) {
            return new WindowPlacement(WindowPlacement.Kind.NEVER_CONNECTED, null, null);
        }
        Instant gapFrom = null;
        Instant gapTo = null;
        for (Window window : windows) {
            if (window.to() != null && !window.to().isAfter(instant) && (gapFrom == null || window.to().isAfter(gapFrom))) {
                gapFrom = window.to();
            }
            if (window.from().isAfter(instant) && (gapTo == null || window.from().isBefore(gapTo))) {
                gapTo = window.from();
            }
        }
        return gapFrom == null ? new WindowPlacement(WindowPlacement.Kind.BEFORE_FIRST_CONNECTION, null, gapTo)
                : new WindowPlacement(WindowPlacement.Kind.IN_GAP, gapFrom, gapTo);
    }
}
