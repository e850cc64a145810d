package io.airspeed.ingest.service;

import io.smallrye.mutiny.subscription.Cancellable;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one executing run knows of its org's lease: whether it still holds it, and the timer that
 * renews it while the run is alive. Whether the lease is held is decided by the database (see
 * {@link RunLedger}); this flag only lets the run stop early once a renewal was refused.
 */
final class RunLease {

    private final UUID runId;
    private final UUID orgId;
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile Cancellable renewal;

    RunLease(UUID runId, UUID orgId) {
        this.runId = runId;
        this.orgId = orgId;
    }

    UUID runId() {
        return runId;
    }

    UUID orgId() {
        return orgId;
    }

    boolean lost() {
        return lost.get();
    }

    void markLost() {
        lost.set(true);
    }

    /** Fails at once when a renewal has already been refused: the run must not read or write any more. */
    void requireHeld() {
        if (lost.get()) {
            throw LeaseLostException.of(runId, orgId);
        }
    }

    void renewWith(Cancellable timer) {
        this.renewal = timer;
    }

    void stopRenewing() {
        Cancellable timer = renewal;
        if (timer != null) {
            timer.cancel();
        }
    }
}
