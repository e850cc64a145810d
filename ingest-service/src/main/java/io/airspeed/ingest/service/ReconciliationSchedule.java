package io.airspeed.ingest.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Every night, yesterday's reconciliation of every connected org, exported as the gauge
 * {@code ingest_reconciliation_unaccounted_calls{org}}: above zero, Aircall counts calls that have
 * no decision, which an SRE alerts on. Each replica exports its own; they agree.
 */
@ApplicationScoped
public class ReconciliationSchedule {

    private static final Logger LOG = Logger.getLogger(ReconciliationSchedule.class);

    private final ReconciliationService reconciliation;
    private final VertxContexts contexts;

    ReconciliationSchedule(ReconciliationService reconciliation, VertxContexts contexts) {
        this.reconciliation = reconciliation;
        this.contexts = contexts;
    }

    @Scheduled(identity = "reconciliation", cron = "${ingest.reconciliation.cron:0 20 0 * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcileYesterday() {
        return contexts.onFreshContext(this::reconcileAllConnected).replaceWithVoid();
    }

    /** Yesterday for every connected org; one org failing (Aircall down, say) does not stop the others. */
    public Uni<Long> reconcileAllConnected() {
        var day = reconciliation.yesterday();
        return reconciliation.connectedOrgs().chain(orgs -> Multi.createFrom().iterable(orgs)
                .onItem().transformToUniAndConcatenate(org -> reconciliation.exportUnaccounted(org, day)
                        .invoke(n -> {
                            if (n > 0) {
                                LOG.warnf("Reconciliation of org %s for %s: %d Aircall calls without a decision", org, day, n);
                            }
                        })
                        .onFailure().invoke(e -> LOG.warnf("Reconciliation of org %s for %s failed: %s", org, day, e.getMessage()))
                        .onFailure().recoverWithItem(0L))
                .collect().asList()
                .map(counts -> counts.stream().mapToLong(Long::longValue).sum()));
    }
}
