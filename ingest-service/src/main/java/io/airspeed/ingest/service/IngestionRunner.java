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
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.airspeed.ingest.repository.ConnectionWindowRepository;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.IntegrationRepository;
import io.airspeed.ingest.repository.OrgLeaseRepository;
import io.airspeed.ingest.rules.ConnectionWindows;
import io.airspeed.ingest.rules.RuleSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Executes one run: roster once, pending decisions re-checked, the window read page by page and
 * each page committed with the checkpoint, imported calls delivered, then the run closed.
 */
@ApplicationScoped
public class IngestionRunner {

    private static final Logger LOG = Logger.getLogger(IngestionRunner.class);

    private final IntegrationRepository integrations;
    private final ConnectionWindowRepository windows;
    private final IngestionRunRepository runs;
    private final CallDecisionRepository decisions;
    private final OrgLeaseRepository leases;
    private final IntegrationService integrationService;
    private final UsersClient users;
    private final AircallClient aircall;
    private final DecisionRecorder recorder;
    private final DeliveryService delivery;
    private final PendingRecheck pendingRecheck;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final Clock clock;

    IngestionRunner(IntegrationRepository integrations, ConnectionWindowRepository windows, IngestionRunRepository runs,
                    CallDecisionRepository decisions, OrgLeaseRepository leases, IntegrationService integrationService,
                    UsersClient users, AircallClient aircall, DecisionRecorder recorder, DeliveryService delivery,
                    PendingRecheck pendingRecheck, IngestConfig config, MeterRegistry metrics, Clock clock) {
        this.integrations = integrations;
        this.windows = windows;
        this.runs = runs;
        this.decisions = decisions;
        this.leases = leases;
        this.integrationService = integrationService;
        this.users = users;
        this.aircall = aircall;
        this.recorder = recorder;
        this.delivery = delivery;
        this.pendingRecheck = pendingRecheck;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Runs to the end and always finishes the run row (SUCCEEDED or FAILED); the returned Uni
     * never fails. {@code context} brings every step back onto the run's Vert.x context, which
     * Hibernate Reactive requires after timers and HTTP answers.
     */
    public Uni<IngestionRun> execute(UUID runId, Executor context) {
        Timer.Sample timer = Timer.start(metrics);
        return prepare(runId)
                .chain(run -> pendingRecheck.recheck(run, context)
                        .chain(() -> readWindow(run, context))
                        .chain(() -> delivery.retryOrg(run.orgId()).emitOn(context))
                        .chain(() -> finish(run, null))
                        .onFailure().recoverWithUni(failure -> failed(run, failure).chain(() -> finish(run, failure))))
                .onFailure().recoverWithUni(failure -> finishWithoutContext(runId, failure))
                .invoke(run -> timer.stop(metrics.timer("ingest.run.duration", "kind", run.kind.name(),
                        "status", run.status.name())));
    }

    private Uni<RunContext> prepare(UUID runId) {
        return Panache.withSession(() -> runs.findById(runId).chain(run -> integrations.findById(run.orgId)
                .chain(integration -> windows.ofOrg(run.orgId)
                        .chain(connected -> runs.backfillsOf(run.orgId)
                                .map(backfills -> new Loaded(run, integration, coveredRanges(connected, backfills)))))))
                .chain(loaded -> {
                    IngestionRun run = loaded.run();
                    var credentials = integrationService.credentialsOf(loaded.integration());
                    ConnectionWindows connection = loaded.windows();
                    RuleSettings settings = run.kind == RunKind.BACKFILL
                            ? RuleSettings.backfill(config.recordingGrace(), config.inProgressLimit())
                            : RuleSettings.scheduled(config.recordingGrace(), config.inProgressLimit());
                    // Without the roster nothing may be decided: a failure here fails the run before any write.
                    return users.roster(run.orgId).map(roster -> new RunContext(run.id, run.orgId, run.kind, credentials,
                            roster, connection, settings, new AircallRequestStats(), RunCounters.empty(),
                            new AtomicLong(run.fetched), new AtomicLong(),
                            new AtomicLong(run.aircallTotal == null ? 0 : run.aircallTotal)));
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
                        .emitOn(context)
                        .onItem().transformToUniAndConcatenate(Supplier::get)
                        .collect().last().replaceWithVoid());
    }

    private Uni<Void> recordPage(RunContext run, AircallWindowPage page, Executor context) {
        List<AircallCall> calls = page.calls();
        Instant cursor = calls.isEmpty() ? null : calls.get(calls.size() - 1).started();
        run.aircallTotal().accumulateAndGet(page.rangeTotal(), Math::max);
        return recorder.record(run, calls, cursor)
                .chain(delivery::deliver)
                .emitOn(context)
                .replaceWithVoid();
    }

    private Uni<Void> failed(RunContext run, Throwable failure) {
        if (failure instanceof AircallCredentialsRejectedException rejected) {
            return integrationService.markBroken(run.orgId(), rejected.getMessage());
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<IngestionRun> finish(RunContext run, Throwable failure) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> runs.findById(run.runId())
                .chain(row -> {
                    Instant now = clock.instant();
                    recorder.writeProgress(row, run, failure == null ? row.windowTo : null, now);
                    row.finishedAt = now;
                    row.status = failure == null ? RunStatus.SUCCEEDED : RunStatus.FAILED;
                    row.error = failure == null ? null : describe(failure);
                    return decisions.countDeliveriesPending(run.orgId())
                            .invoke(pending -> row.deliveryPending = pending)
                            .call(() -> failure != null || run.kind() != RunKind.SCHEDULED ? Uni.createFrom().voidItem()
                                    : integrations.findById(run.orgId()).invoke(integration -> {
                                        integration.scannedUntil = row.windowTo;
                                        integration.lastSuccessfulRunAt = now;
                                    }))
                            .call(() -> failure instanceof LeaseLostException ? Uni.createFrom().voidItem()
                                    : leases.release(session, run.orgId(), run.runId()))
                            .replaceWith(row);
                })))
                .invoke(row -> log(row, failure));
    }

    /** The run failed before its context existed (bad credentials, users-service down, ...). */
    private Uni<IngestionRun> finishWithoutContext(UUID runId, Throwable failure) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> runs.findById(runId).chain(row -> {
                    row.status = RunStatus.FAILED;
                    row.error = describe(failure);
                    row.finishedAt = clock.instant();
                    row.heartbeatAt = row.finishedAt;
                    return leases.release(session, row.orgId, row.id).replaceWith(row);
                })))
                .invoke(row -> log(row, failure));
    }

    private static void log(IngestionRun row, Throwable failure) {
        if (failure == null) {
            LOG.infof("Run %s of org %s succeeded: %d calls fetched", row.id, row.orgId, row.fetched);
        } else {
            LOG.warnf("Run %s of org %s failed: %s", row.id, row.orgId, describe(failure));
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }
}
