package io.airspeed.visibility.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Optional filters of the call list: {@code from} (inclusive) and {@code to} (exclusive) on the
 * call's start, and one participant's user id.
 */
public record CallFilter(Instant from, Instant to, UUID participant) {

    public static final CallFilter NONE = new CallFilter(null, null, null);
}
