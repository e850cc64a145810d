package io.airspeed.ingest.domain;

/** A user's role in users-service, as the roster-change feed reports it. */
public enum UserRole {
    ADMIN,
    MEMBER
}
