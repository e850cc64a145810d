package io.airspeed.users.domain;

public enum DeliveryStatus {
    /** Not yet accepted by the destination; retried until it is. */
    PENDING,
    DELIVERED,
    /** The destination refused it with an answer retrying cannot change; kept and shown, never dropped. */
    REJECTED
}
