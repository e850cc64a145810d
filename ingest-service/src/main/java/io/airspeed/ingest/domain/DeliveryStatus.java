package io.airspeed.ingest.domain;

/** Where an imported call stands with visibility-service (the outbox). */
public enum DeliveryStatus {
    /** Not imported: nothing to deliver. */
    NONE,
    /** Waiting to be delivered, or retried after visibility-service could not take it. */
    PENDING,
    /** visibility-service holds this version. */
    DELIVERED,
    /** visibility-service refused it (a 4xx no retry can fix): not resent until the facts change. */
    DEAD_LETTERED
}
