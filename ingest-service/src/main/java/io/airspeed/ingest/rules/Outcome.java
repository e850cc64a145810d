package io.airspeed.ingest.rules;

public enum Outcome {
    IMPORTED,
    SKIPPED,
    /** Not decided yet: a later run looks at the call again. */
    PENDING
}
