package io.airspeed.ingest.domain;

/** Where an imported call stands with visibility-service (the outbox). */
public enum DeliveryStatus {
    /** Not imported: nothing to deliver. */
    NONE,
    PENDING,
    DELIVERED
}
