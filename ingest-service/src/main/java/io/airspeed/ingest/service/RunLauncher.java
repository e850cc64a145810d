package io.airspeed.ingest.service;

import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.IntegrationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Triggers: queues a run per org (or joins the org's run) and wakes this replica's worker; any
 * replica's worker may execute it. Waits for runs under one deadline.
 */
@ApplicationScoped
public class RunLauncher {

    private static final Logger LOG = Logger.getLogger(RunLauncher.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final IntegrationRepository integrations;
    private final IngestionRunRepository runs;
    private final RunLedger ledger;
    private final RunWorker worker;
    private final Clock clock;

    RunLauncher(IntegrationRepository integrations, IngestionRunRepository runs, RunLedger ledger, RunWorker worker,
                Clock clock) {
        this.integrations = integrations;
        this.runs = runs;
        this.ledger = ledger;
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * A queued or joined run of one org ({@code joined} when the org's run was already going or
     * queued), or, for the trigger of every org, the org whose run could not be queued.
     */
    public record Launch(UUID orgId, IngestionRun run, boolean joined, String error) {

        static Launch queued(IngestionRun run) {
            return new Launch(run.orgId, run, false, null);
        }

        static Launch joined(IngestionRun run) {
            return new Launch(run.orgId, run, true, null);
        }

        Launch with(IngestionRun current) {
            return new Launch(orgId, current, joined, error);
        }

        public boolean failed() {
            return error != null || (run != null && run.status == io.airspeed.ingest.domain.RunStatus.FAILED);
        }

        /** Still to wait for: a joined backfill can take an hour, and the trigger does not wait for it. */
        boolean pending() {
            return run != null && !run.isFinished() && !(joined && run.kind.isBackfill());
        }
    }

    /**
     * A scheduled run for every org whose integration is connected, each queued in its own
     * transaction: one org that cannot be queued is reported and does not stop the others.
     */
    public Uni<List<Launch>> triggerAllConnected(String trigger) {
        return Panache.withSession(integrations::connectedOrgIds)
                .chain(orgIds -> Multi.createFrom().iterable(orgIds)
                        .onItem().transformToUniAndConcatenate(orgId -> ledger.enqueue(orgId, RunKind.SCHEDULED, trigger, null, null)
                                .onFailure().recoverWithItem(failure -> {
                                    LOG.warnf(failure, "Could not queue a run for org %s", orgId);
                                    return new Launch(orgId, null, false, RunFailures.publicMessage(failure));
                                }))
                        .collect().asList())
                .invoke(this::wakeIfQueued);
    }

    public Uni<Launch> triggerOrg(UUID orgId, String trigger) {
        return ledger.enqueue(orgId, RunKind.SCHEDULED, trigger, null, null).invoke(launch -> wakeIfQueued(List.of(launch)));
    }

    public Uni<Launch> backfill(UUID orgId, String trigger, Instant from, Instant to) {
        return ledger.enqueue(orgId, RunKind.BACKFILL, trigger, from, to).invoke(launch -> wakeIfQueued(List.of(launch)));
    }

    /**
     * A replay of these roster changes: merged into the org's queued replay, or queued. Null when
     * the integration is not connected (the changes wait for it).
     */
    public Uni<IngestionRun> replay(UUID orgId, String trigger, List<UUID> changeIds) {
        return ledger.enqueueReplay(orgId, trigger, changeIds).invoke(run -> {
            if (run != null) {
                worker.wake();
            }
        });
    }

    private void wakeIfQueued(List<Launch> launches) {
        if (launches.stream().anyMatch(launch -> launch.run() != null && !launch.joined())) {
            worker.wake();
        }
    }

    /**
     * The launches once all their runs have finished, or as they stand when the one deadline
     * passes: all runs are watched together, from one query per poll, whichever replica runs them.
     */
    public Uni<List<Launch>> awaitAll(List<Launch> launches, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        return poll(launches, deadline, VertxContexts.current());
    }

    private Uni<List<Launch>> poll(List<Launch> launches, Instant deadline, Executor back) {
        List<UUID> waiting = launches.stream().filter(Launch::pending).map(launch -> launch.run().id).toList();
        if (waiting.isEmpty() || !clock.instant().isBefore(deadline)) {
            return Uni.createFrom().item(launches);
        }
        // A joined run whose process died would never finish: once its lease has expired it is over.
        return Uni.createFrom().voidItem().onItem().delayIt().by(POLL).emitOn(back)
                .chain(() -> ledger.abandonExpired(waiting))
                .chain(() -> Panache.withSession(() -> runs.list("id in ?1", waiting)))
                .map(current -> refresh(launches, current.stream().collect(Collectors.toMap(run -> run.id, Function.identity()))))
                .chain(refreshed -> poll(refreshed, deadline, back));
    }

    private static List<Launch> refresh(List<Launch> launches, Map<UUID, IngestionRun> current) {
        return launches.stream()
                .map(launch -> launch.run() != null && current.containsKey(launch.run().id) ? launch.with(current.get(launch.run().id)) : launch)
                .toList();
    }
}
