package io.airspeed.ingest.domain;

/** What changed about a user in users-service (the roster-change contract). */
public enum RosterChangeKind {
    USER_CREATED,
    SEAT_CHANGED,
    ROLE_CHANGED,
    ACTIVE_CHANGED,
    EMAIL_CHANGED,
    IDENTITY_ADDED,
    IDENTITY_REMOVED;

    /**
     * Whether a change of this kind can alter a decision: the rules read emails, linked identities,
     * seat and active (rules 1 and 2), never the role.
     */
    public boolean canAlterDecisions() {
        return this != ROLE_CHANGED;
    }
}
