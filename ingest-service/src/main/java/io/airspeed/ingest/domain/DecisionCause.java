package io.airspeed.ingest.domain;

/** What made a decision: recorded with every entry of a decision's history. */
public enum DecisionCause {
    /** A scheduled run read the call in its window. */
    RUN,
    /** An admin's backfill, or the automatic backfill of a reconnection gap. */
    BACKFILL,
    /** A roster change made the call be read again and re-decided. */
    REPLAY,
    /** A pending call older than the run's window was looked up on its own ({@code service.PendingRecheck}). */
    RECHECK
}
