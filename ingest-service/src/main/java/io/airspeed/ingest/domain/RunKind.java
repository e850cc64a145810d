package io.airspeed.ingest.domain;

public enum RunKind {
    /** From the checkpoint to now, within the connection windows (rule 6 applies). */
    SCHEDULED,
    /** An admin's explicit past range: rule 6 does not apply to it. */
    BACKFILL
}
