package io.airspeed.ingest.service;

import io.airspeed.ingest.aircall.AircallCall;
import io.airspeed.ingest.aircall.AircallClient;
import io.airspeed.ingest.aircall.AircallCredentialsRejectedException;
import io.airspeed.ingest.aircall.AircallRequestStats;
import io.airspeed.ingest.aircall.AircallWindowPage;
import io.airspeed.ingest.client.UsersClient;
import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.ConnectionWindow;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.Integration;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.domain.RunStatus;
import io.airspeed.ingest.repository.ConnectionWindowRepository;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.IntegrationRepository;
import io.airspeed.ingest.rules.ConnectionWindows;
import io.airspeed.ingest.rules.RuleSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Executes one claimed run: roster once, pending decisions re-checked, the window read page by
 * page, each page decided and committed through the {@link RunLedger}, imported calls delivered
 * while the run still holds its lease, then the run closed.
 */
@ApplicationScoped
public class IngestionRunner {

    private static final Logger LOG = Logger.getLogger(IngestionRunner.class);

    private final IntegrationRepository integrations;
    private final ConnectionWindowRepository windows;
    private final IngestionRunRepository runs;
    private final IntegrationService integrationService;
    private final UsersClient users;
    private final AircallClient aircall;
    private final DecisionRecorder recorder;
    private final PendingRecheck pendingRecheck;
    private final RunDelivery runDelivery;
    private final RunLedger ledger;
    private final RosterReplay replay;
    private final IngestConfig config;
    private final MeterRegistry metrics;

    IngestionRunner(IntegrationRepository integrations, ConnectionWindowRepository windows, IngestionRunRepository runs,
                    IntegrationService integrationService, UsersClient users, AircallClient aircall,
                    DecisionRecorder recorder, PendingRecheck pendingRecheck, RunDelivery runDelivery, RunLedger ledger,
                    RosterReplay replay, IngestConfig config, MeterRegistry metrics) {
        this.integrations = integrations;
        this.windows = windows;
        this.runs = runs;
        this.integrationService = integrationService;
        this.users = users;
        this.aircall = aircall;
        this.recorder = recorder;
        this.pendingRecheck = pendingRecheck;
        this.runDelivery = runDelivery;
        this.ledger = ledger;
        this.replay = replay;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Runs to the end and always closes the run through the ledger (SUCCEEDED or FAILED, or left
     * to the run that took over its lease); the returned Uni never fails. {@code context} brings
     * every step back onto the run's Vert.x context, which Hibernate Reactive requires after
     * timers and HTTP answers.
     */
    public Uni<IngestionRun> execute(UUID runId, UUID orgId, Executor context) {
        Timer.Sample timer = Timer.start(metrics);
        RunLease lease = ledger.keepAlive(runId, orgId);
        return prepare(runId, lease)
                .chain(run -> work(run, context)
                        .chain(() -> runDelivery.deliverRest(run, context))
                        .chain(() -> ledger.finish(run))
                        .invoke(row -> LOG.infof("Run %s of org %s succeeded: %d calls fetched", row.id, row.orgId, row.fetched))
                        .onFailure().recoverWithUni(failure -> broken(run, failure)
                                .chain(() -> failed(lease, run, failure))))
                .onFailure().recoverWithUni(failure -> failed(lease, null, failure))
                .eventually(lease::stopRenewing)
                .invoke(row -> timer.stop(metrics.timer("ingest.run.duration", "kind", row.kind.name(),
                        "status", row.status.name())));
    }

    /** A replay re-decides its changes' skipped calls; every other run reads its window. */
    private Uni<Void> work(RunContext run, Executor context) {
        if (run.kind() == RunKind.REPLAY) {
            return replay.replay(run, context);
        }
        return pendingRecheck.recheck(run, context).chain(() -> readWindow(run, context));
    }

    private Uni<RunContext> prepare(UUID runId, RunLease lease) {
        return Panache.withSession(() -> runs.findById(runId).chain(run -> integrations.findById(run.orgId)
                .chain(integration -> windows.ofOrg(run.orgId)
                        .chain(connected -> runs.backfillsOf(run.orgId)
                                .map(backfills -> new Loaded(run, integration, coveredRanges(connected, backfills)))))))
                .chain(loaded -> {
                    IngestionRun run = loaded.run();
                    if (run.status != RunStatus.RUNNING) {
                        throw LeaseLostException.of(run.id, run.orgId);
                    }
                    var credentials = integrationService.credentialsOf(loaded.integration());
                    long credentialsVersion = loaded.integration().credentialsVersion;
                    RuleSettings settings = run.kind.isBackfill()
                            ? RuleSettings.backfill(config.recordingGrace(), config.inProgressLimit())
                            : RuleSettings.scheduled(config.recordingGrace(), config.inProgressLimit());
                    // Without the roster nothing may be decided: a failure here fails the run before any write.
                    return users.roster(run.orgId).map(roster -> new RunContext(run.id, run.orgId, run.kind, credentials,
                            credentialsVersion, roster, loaded.windows(), settings, new AircallRequestStats(),
                            RunCounters.empty(), new AtomicLong(run.fetched), new AtomicLong(),
                            new AtomicLong(run.aircallTotal == null ? 0 : run.aircallTotal), new AtomicLong(run.pendingRemaining), lease));
                });
    }

    private record Loaded(IngestionRun run, Integration integration, ConnectionWindows windows) {
    }

    /**
     * Rule 6 passes for a call that started while the integration was connected, or inside a
     * range an admin backfilled: the admin's explicit choice keeps overriding the rule when a
     * later scheduled run reads the same calls again.
     */
    static ConnectionWindows coveredRanges(List<ConnectionWindow> connected, List<IngestionRun> backfills) {
        List<ConnectionWindows.Window> ranges = new java.util.ArrayList<>();
        connected.forEach(w -> ranges.add(new ConnectionWindows.Window(w.openedAt, w.closedAt)));
        backfills.forEach(b -> ranges.add(new ConnectionWindows.Window(b.windowFrom, b.windowTo)));
        return new ConnectionWindows(ranges);
    }

    private Uni<Void> readWindow(RunContext run, Executor context) {
        return Panache.withSession(() -> runs.findById(run.runId())).chain(row ->
                aircall.calls(run.credentials(), row.cursorAt, row.windowTo, run.stats())
                        .map(page -> (Supplier<Uni<Void>>) () -> recordPage(run, page, context))
                        // A read failure waits its turn behind the pages read before it: it must neither
                        // drop them from emitOn's buffer nor cancel the commit of the one in flight.
                        .onFailure().recoverWithItem(failure -> () -> Uni.createFrom().<Void>failure(failure))
                        // One page read ahead at most (the default buffer asks Aircall for 256): every page
                        // read costs rate budget, and a crash throws away what was read but not committed.
                        .emitOn(context, 1)
                        .onItem().transformToUniAndConcatenate(Supplier::get)
                        .collect().last().replaceWithVoid());
    }

    private Uni<Void> recordPage(RunContext run, AircallWindowPage page, Executor context) {
        run.lease().requireHeld();
        List<AircallCall> calls = page.calls();
        Instant cursor = calls.isEmpty() ? null : calls.get(calls.size() - 1).started();
        run.aircallTotal().accumulateAndGet(page.rangeTotal(), Math::max);
        return ledger.commitPage(run, cursor, () -> recorder.record(run, calls))
                .chain(pending -> runDelivery.deliver(run, pending, context));
    }

    /** A 401/403 breaks the integration only when it answered the key still stored (not one replaced since). */
    private Uni<Void> broken(RunContext run, Throwable failure) {
        if (failure instanceof AircallCredentialsRejectedException rejected) {
            return integrationService.markBroken(run.orgId(), run.credentialsVersion(), RunFailures.publicMessage(rejected))
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<IngestionRun> failed(RunLease lease, RunContext run, Throwable failure) {
        LOG.warnf(failure, "Run %s of org %s failed", lease.runId(), lease.orgId());
        return ledger.fail(lease, run, failure);
    }
}
