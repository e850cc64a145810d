package io.airspeed.visibility.domain;

/** What an import did with one delivered call. */
public enum ImportStatus {
    /** The call is new: imported with the org's default visibility. */
    CREATED,
    /** The delivery was newer than the one applied: Aircall's facts taken, the visibility kept. */
    UPDATED,
    /** The delivery was not above the version applied: nothing changed. */
    UNCHANGED
}
