package io.airspeed.users.domain;

/** What changed about a user, as the roster change feed names it (contract of issue 12). */
public enum RosterChangeKind {
    USER_CREATED,
    SEAT_CHANGED,
    ROLE_CHANGED,
    ACTIVE_CHANGED,
    EMAIL_CHANGED,
    IDENTITY_ADDED,
    IDENTITY_REMOVED
}
