package io.airspeed.ingest.service;

import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.IngestionRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This replica's share of the run queue: it claims queued runs (any replica's trigger may have
 * queued them) while it runs fewer than {@code ingest.runs.max-concurrent-per-replica}, and
 * executes them. Every replica does the same, so the runs of a trigger for every org spread
 * over the replicas, and a replica that dies leaves its queued runs to the others.
 */
@ApplicationScoped
public class RunWorker {

    private static final Logger LOG = Logger.getLogger(RunWorker.class);

    private final RunLedger ledger;
    private final IngestionRunner runner;
    private final VertxContexts contexts;
    private final int maxConcurrent;
    private final String workerId;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean claimAgain = new AtomicBoolean();

    RunWorker(RunLedger ledger, IngestionRunner runner, VertxContexts contexts, IngestConfig config, MeterRegistry metrics) {
        this.ledger = ledger;
        this.runner = runner;
        this.contexts = contexts;
        this.maxConcurrent = config.runs().maxConcurrentPerReplica();
        String host = System.getenv().getOrDefault("HOSTNAME", "ingest-service");
        this.workerId = host + "/" + UUID.randomUUID().toString().substring(0, 8);
        metrics.gauge("ingest.runs.active", running);
    }

    @Scheduled(identity = "run-worker", every = "${ingest.runs.poll-every:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return contexts.onFreshContext(this::claimWhatFits);
    }

    /** A run was queued or finished here: look for work at once instead of at the next poll. */
    public void wake() {
        contexts.onFreshContext(this::claimWhatFits).subscribe().with(ignored -> { },
                failure -> LOG.warn("Claiming queued runs failed", failure));
    }

    /** Runs this replica executes now. */
    public int running() {
        return running.get();
    }

    public String workerId() {
        return workerId;
    }

    private Uni<Void> claimWhatFits() {
        if (!claiming.compareAndSet(false, true)) {
            claimAgain.set(true);
            return Uni.createFrom().voidItem();
        }
        int free = maxConcurrent - running.get();
        return ledger.claim(workerId, free)
                .invoke(claimed -> claimed.forEach(this::execute))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("Claiming queued runs failed", e))
                .onFailure().recoverWithNull()
                .eventually(() -> {
                    claiming.set(false);
                    if (claimAgain.getAndSet(false)) {
                        wake();
                    }
                });
    }

    private void execute(IngestionRun run) {
        running.incrementAndGet();
        // Each run gets a context of its own: it outlives whatever woke the worker.
        contexts.onFreshContext(() -> runner.execute(run.id, run.orgId, VertxContexts.current())).subscribe().with(
                done -> ended(),
                failure -> {
                    LOG.errorf(failure, "Run %s ended abnormally", run.id);
                    ended();
                });
    }

    private void ended() {
        running.decrementAndGet();
        wake();
    }
}
