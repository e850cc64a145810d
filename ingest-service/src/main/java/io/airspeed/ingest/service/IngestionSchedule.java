package io.airspeed.ingest.service;

import io.airspeed.ingest.config.IngestConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * In-process triggers. Ingestion itself only on single-node installs ({@code ingest.schedule.enabled});
 * on Kubernetes the CronJob calls the API instead. Delivery retries always run: the outbox must drain.
 */
@ApplicationScoped
public class IngestionSchedule {

    /** The outbox drain every replica runs; tests that drive drainers themselves pause it. */
    public static final String DELIVERY_RETRY = "delivery-retry";

    private static final Logger LOG = Logger.getLogger(IngestionSchedule.class);

    private final RunLauncher launcher;
    private final DeliveryService delivery;
    private final VertxContexts contexts;

    IngestionSchedule(RunLauncher launcher, DeliveryService delivery, VertxContexts contexts) {
        this.launcher = launcher;
        this.delivery = delivery;
        this.contexts = contexts;
    }

    @Scheduled(identity = "ingestion", every = "${ingest.schedule.every:5m}", delayed = "10s",
            skipExecutionIf = ScheduleDisabled.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> ingest(ScheduledExecution execution) {
        return contexts.onFreshContext(() -> launcher.triggerAllConnected("schedule"))
                .invoke(launches -> LOG.infof("Scheduled ingestion: %d org runs started or joined", launches.size()))
                .onFailure().invoke(e -> LOG.warn("Scheduled ingestion could not start", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(identity = DELIVERY_RETRY, every = "${ingest.delivery.retry-every:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryDeliveries() {
        return contexts.onFreshContext(delivery::retryDue)
                .onFailure().invoke(e -> LOG.warn("Delivery retry failed", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @ApplicationScoped
    public static class ScheduleDisabled implements Scheduled.SkipPredicate {

        private final IngestConfig config;

        ScheduleDisabled(IngestConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.schedule().enabled();
        }
    }
}
