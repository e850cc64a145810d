package io.airspeed.users.domain;

/** The services that learn about every roster change, each from its own outbox row. */
public enum RosterDestination {
    /** ingest-service: replays the decisions the change can affect, refuses revoked tokens. */
    INGEST,
    /** visibility-service: refuses revoked tokens. */
    VISIBILITY
}
