package io.airspeed.aircall.simulator.model;

import java.util.Objects;

/** A note on a call; {@code postedAt} in UNIX seconds like every call time. */
public record SimulatedComment(long id, String content, long postedAt) {

    public SimulatedComment {
        Objects.requireNonNull(content, "content");
    }
}
