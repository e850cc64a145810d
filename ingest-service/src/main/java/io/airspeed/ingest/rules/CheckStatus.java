package io.airspeed.ingest.rules;

/**
 * A check's result. {@code UNKNOWN} with a {@code PENDING_*} reason means "not decided yet" (the
 * call goes on, or its recording may still appear); {@code NOT_APPLICABLE} means the check has
 * nothing to look at (no Airspeed user to have a seat, no imported call to be visible).
 */
public enum CheckStatus {
    PASS,
    FAIL,
    UNKNOWN,
    NOT_APPLICABLE
}
