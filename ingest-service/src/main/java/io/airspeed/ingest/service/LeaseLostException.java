package io.airspeed.ingest.service;

/** Another run took over the org's lease (this one stalled past its TTL): this run stops at once. */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String message) {
        super(message);
    }
}
