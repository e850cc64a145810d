package io.airspeed.ingest.rules;

import java.time.Instant;

/**
 * Where a call's start falls against the org's connection windows (rule 6).
 *
 * @param gapFrom for {@link Kind#BEFORE_FIRST_CONNECTION}: null; for {@link Kind#IN_GAP}: when the
 *                integration was disconnected
 * @param gapTo   when the integration was (re)connected after the call; null while it is still disconnected
 */
public record WindowPlacement(Kind kind, Instant gapFrom, Instant gapTo) {

    public enum Kind {
        /** Inside a connection window or a range an admin backfilled. */
        COVERED,
        /** Rule 6 does not apply: an admin backfill of an explicit range overrides it. */
        OVERRIDDEN,
        /** The integration has never been connected at all. */
        NEVER_CONNECTED,
        BEFORE_FIRST_CONNECTION,
        IN_GAP
    }

    public static final WindowPlacement COVERED = new WindowPlacement(Kind.COVERED, null, null);
    public static final WindowPlacement OVERRIDDEN = new WindowPlacement(Kind.OVERRIDDEN, null, null);

    public boolean passes() {
        return kind == Kind.COVERED || kind == Kind.OVERRIDDEN;
    }
}
