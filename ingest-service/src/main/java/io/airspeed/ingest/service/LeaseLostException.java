package io.airspeed.ingest.service;

import java.util.UUID;

/**
 * The run no longer holds its org's lease (it let it expire, by the database's clock, or another
 * run took over): it stops at once, and writes, finishes and delivers nothing more.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String message) {
        super(message);
    }

    static LeaseLostException of(UUID runId, UUID orgId) {
        return new LeaseLostException("Run " + runId + " no longer holds the lease of org " + orgId);
    }
}
