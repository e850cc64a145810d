package io.airspeed.ingest.domain;

public enum RunKind {
    /** From the checkpoint to now, within the connection windows (rule 6 applies). */
    SCHEDULED,
    /** An admin's explicit past range: rule 6 does not apply to it. */
    BACKFILL,
    /**
     * The skipped decisions that roster changes can alter, re-read from Aircall and re-decided with
     * the current roster and windows (issue 12); imported decisions are never touched.
     */
    REPLAY
}
