package io.airspeed.ingest.rules;

/** The six checks of "Why are my Aircall calls missing?", in the article's order (rule 1 … rule 6). */
public enum RuleCheck {
    EMAIL_MATCH(1),
    RECORDING_SEAT(2),
    MINIMUM_DURATION(3),
    RECORDING(4),
    VISIBILITY(5),
    INTEGRATION_CONNECTED(6);

    private final int rule;

    RuleCheck(int rule) {
        this.rule = rule;
    }

    public int rule() {
        return rule;
    }

    /** The check a reason code belongs to; "the call is still in progress" is told by the duration check. */
    public static RuleCheck of(Reason reason) {
        return switch (reason) {
            case SKIPPED_OUTSIDE_INTEGRATION_WINDOW -> INTEGRATION_CONNECTED;
            case SKIPPED_TOO_SHORT, PENDING_IN_PROGRESS, SKIPPED_NEVER_FINISHED -> MINIMUM_DURATION;
            case SKIPPED_NO_AIRCALL_USER, SKIPPED_EMAIL_NOT_MATCHED -> EMAIL_MATCH;
            case SKIPPED_NO_RECORDING_SEAT -> RECORDING_SEAT;
            // A call Aircall no longer has can never give its recording.
            case PENDING_RECORDING, SKIPPED_NO_RECORDING, SKIPPED_DELETED_IN_AIRCALL -> RECORDING;
        };
    }
}
