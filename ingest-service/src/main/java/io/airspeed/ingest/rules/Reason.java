package io.airspeed.ingest.rules;

/**
 * Why a call was not imported, in the order of the customer-facing article's table: the primary
 * reason of a decision is the first failing one in this order.
 */
public enum Reason {
    /** Rule 6: the integration was not connected when the call started. */
    SKIPPED_OUTSIDE_INTEGRATION_WINDOW(6, "Connect the Aircall integration before the calls you want imported, or ask an admin to backfill that time range."),
    /** Rule 3: shorter than 60 seconds (Aircall's duration includes ringing). */
    SKIPPED_TOO_SHORT(3, "Only calls of at least 60 seconds are imported; nothing to fix."),
    /** Rule 1: nobody answered or made the call in Aircall (missed, IVR, an unpicked team line). */
    SKIPPED_NO_AIRCALL_USER(1, "Only calls handled by an Aircall user are imported; a missed or IVR-only call has none."),
    /** Rule 1: the Aircall user's email or id matches no Airspeed user of the org. */
    SKIPPED_EMAIL_NOT_MATCHED(1, "Make the Airspeed user's email equal the Aircall user's email, or have an admin link the Aircall email or user id to the Airspeed user; an admin backfill of the time range then imports the calls skipped before."),
    /** Rule 2: the matched user is inactive or has no Recording seat. */
    SKIPPED_NO_RECORDING_SEAT(2, "Ask an admin to give the user an active Recording seat; an admin backfill of the time range then imports the calls skipped before."),
    /** Rule 4, still within the grace period: the recording may yet appear. */
    PENDING_RECORDING(4, "Aircall publishes recordings some minutes after the call; it is checked again on the next runs."),
    /** Rule 4, after the grace period: Aircall has no recording (not answered, recording off, too little talk). */
    SKIPPED_NO_RECORDING(4, "Turn on call recording for the Aircall number (and do not pause it); calls without a recording cannot be imported."),
    /** The call is still going on (Aircall status is not done). */
    PENDING_IN_PROGRESS(0, "The call is still in progress; it is picked up by a run after it ends."),
    /**
     * Aircall still reports the call in progress far longer than any call lasts (see
     * {@code ingest.in-progress-limit}): it is taken as never finished instead of waiting forever.
     */
    SKIPPED_NEVER_FINISHED(0, "Aircall still shows the call as in progress long after it started; if it has ended in Aircall since, an admin backfill of its time range imports it."),
    /** Aircall answers 404 for a call ingestion saw before: it was deleted there or left the history Aircall serves. */
    SKIPPED_DELETED_IN_AIRCALL(0, "Aircall no longer has this call (it was deleted in Aircall or is older than the history Aircall keeps); there is nothing left to import.");

    private final int rule;
    private final String remedy;

    Reason(int rule, String remedy) {
        this.rule = rule;
        this.remedy = remedy;
    }

    /** The rule number of the article; 0 for "the call is finished", which has no number there. */
    public int rule() {
        return rule;
    }

    public String remedy() {
        return remedy;
    }

    public boolean isPending() {
        return this == PENDING_RECORDING || this == PENDING_IN_PROGRESS;
    }
}
