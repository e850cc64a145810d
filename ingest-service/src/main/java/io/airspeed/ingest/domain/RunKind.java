package io.airspeed.ingest.domain;

/**
 * What a run reads, whether rule 6 applies to it, and the cause its decisions are recorded under.
 * A new kind is one constant here.
 */
public enum RunKind {
    /** From the checkpoint to now, within the connection windows (rule 6 applies). */
    SCHEDULED(DecisionCause.RUN, false),
    /** An admin's explicit past range: rule 6 does not apply to it. */
    BACKFILL(DecisionCause.BACKFILL, true),
    /** The gap between two connection windows, queued by a reconnection when the org heals gaps: a backfill. */
    GAP_BACKFILL(DecisionCause.BACKFILL, true),
    /**
     * The skipped decisions that roster changes can alter, re-read from Aircall and re-decided with
     * the current roster and windows (issue 12); imported decisions are never touched.
     */
    REPLAY(DecisionCause.REPLAY, false);

    private final DecisionCause cause;
    private final boolean backfill;

    RunKind(DecisionCause cause, boolean backfill) {
        this.cause = cause;
        this.backfill = backfill;
    }

    /** The cause of the decisions this kind of run makes (a re-check inside a run is RECHECK, not this). */
    public DecisionCause cause() {
        return cause;
    }

    /**
     * A range someone chose to import: rule 6 does not apply, the range stays exempt from it for
     * later runs, and it is queued behind the org's current run instead of joining it.
     */
    public boolean isBackfill() {
        return backfill;
    }
}
