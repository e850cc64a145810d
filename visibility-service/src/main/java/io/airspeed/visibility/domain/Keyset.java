package io.airspeed.visibility.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A place in the call list: the sort key ({@code started_at desc, id desc}) of the last call a page showed. */
public record Keyset(Instant startedAt, UUID id) {

    public Keyset {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(id, "id");
    }
}
