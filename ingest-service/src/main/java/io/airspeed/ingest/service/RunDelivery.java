package io.airspeed.ingest.service;

import io.airspeed.ingest.domain.CallDecision;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * What a run delivers, and only while it holds its org's lease by the database's clock: a run
 * that lost it delivers nothing, since the run that took over owns the org now.
 */
@ApplicationScoped
public class RunDelivery {

    private final RunLedger ledger;
    private final DeliveryService delivery;

    RunDelivery(RunLedger ledger, DeliveryService delivery) {
        this.ledger = ledger;
        this.delivery = delivery;
    }

    /** The imported calls a page (or a re-check) just committed. */
    Uni<Void> deliver(RunContext run, List<CallDecision> pending, Executor context) {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return whileHeld(run, context, () -> delivery.deliver(pending));
    }

    /** The org's deliveries still pending (visibility-service was down), tried once more at the run's end. */
    Uni<Void> deliverRest(RunContext run, Executor context) {
        return whileHeld(run, context, () -> delivery.retryOrg(run.orgId()));
    }

    private Uni<Void> whileHeld(RunContext run, Executor context, java.util.function.Supplier<Uni<?>> send) {
        return ledger.holds(run.lease()).emitOn(context)
                .chain(held -> {
                    if (!held) {
                        throw LeaseLostException.of(run.runId(), run.orgId());
                    }
                    return send.get();
                })
                .emitOn(context)
                .replaceWithVoid();
    }
}
