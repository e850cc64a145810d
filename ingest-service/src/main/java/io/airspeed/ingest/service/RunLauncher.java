package io.airspeed.ingest.service;

import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.Integration;
import io.airspeed.ingest.domain.IntegrationStatus;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.domain.RunStatus;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.IntegrationRepository;
import io.airspeed.ingest.repository.OrgLeaseRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Starts runs: takes the org's lease (or joins the run that holds it), writes the run row, and
 * executes it in the background on a Vert.x context of its own.
 */
@ApplicationScoped
public class RunLauncher {

    private final IntegrationRepository integrations;
    private final IngestionRunRepository runs;
    private final OrgLeaseRepository leases;
    private final IngestionRunner runner;
    private final IngestConfig config;
    private final VertxContexts contexts;
    private final Clock clock;
    private final Map<UUID, CompletableFuture<IngestionRun>> local = new ConcurrentHashMap<>();

    RunLauncher(IntegrationRepository integrations, IngestionRunRepository runs, OrgLeaseRepository leases,
                IngestionRunner runner, IngestConfig config, VertxContexts contexts, Clock clock) {
        this.integrations = integrations;
        this.runs = runs;
        this.leases = leases;
        this.runner = runner;
        this.config = config;
        this.contexts = contexts;
        this.clock = clock;
    }

    /** A started or joined run; {@code joined} when another trigger's run was already going. */
    public record Launch(IngestionRun run, boolean joined) {
    }

    /** A scheduled run for every org whose integration is connected. */
    public Uni<List<Launch>> triggerAllConnected(String trigger) {
        return Panache.withSession(integrations::connectedOrgIds)
                .chain(orgIds -> Multi.createFrom().iterable(orgIds)
                        .onItem().transformToUniAndConcatenate(orgId -> launch(orgId, RunKind.SCHEDULED, trigger, null, null))
                        .collect().asList());
    }

    public Uni<Launch> triggerOrg(UUID orgId, String trigger) {
        return launch(orgId, RunKind.SCHEDULED, trigger, null, null);
    }

    public Uni<Launch> backfill(UUID orgId, String trigger, Instant from, Instant to) {
        return launch(orgId, RunKind.BACKFILL, trigger, from, to);
    }

    private Uni<Launch> launch(UUID orgId, RunKind kind, String trigger, Instant from, Instant to) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> integrations.findById(orgId)
                        .onItem().ifNull().failWith(() -> new NotFoundException("Your org has no Aircall integration; connect one first"))
                        .invoke(integration -> {
                            if (integration.status != IntegrationStatus.CONNECTED) {
                                throw new ConflictException("The Aircall integration is " + integration.status
                                        + (integration.status == IntegrationStatus.BROKEN ? " since " + integration.brokenSince : "")
                                        + "; an admin must connect it again");
                            }
                        })
                        .chain(integration -> {
                            Instant now = clock.instant();
                            IngestionRun run = kind == RunKind.BACKFILL
                                    ? IngestionRun.start(orgId, kind, trigger, from, to, now)
                                    : IngestionRun.start(orgId, kind, trigger, scanFrom(integration), now, now);
                            return leases.acquire(session, orgId, run.id, now, config.runs().leaseTtl())
                                    .chain(holder -> holder.equals(run.id)
                                            ? abandonStale(orgId, run.id, now).chain(() -> runs.persist(run)).map(saved -> new Launch(saved, false))
                                            : runs.findById(holder).map(existing -> new Launch(existing, true)));
                        })))
                .invoke(launch -> {
                    if (!launch.joined()) {
                        start(launch.run().id);
                    }
                });
    }

    /**
     * From the checkpoint, less the overlap that catches calls which finished after the last run
     * saw them; the first run starts a little before the first connection (see initial-lookback).
     */
    private Instant scanFrom(Integration integration) {
        if (integration.scannedUntil == null) {
            return integration.firstConnectedAt.minus(config.initialLookback());
        }
        return integration.scannedUntil.minus(config.rescanOverlap());
    }

    /** A run that crashed left its row RUNNING; its lease expired, so it is over. */
    private Uni<Void> abandonStale(UUID orgId, UUID newRunId, Instant now) {
        return runs.update("status = ?1, error = ?2, finishedAt = ?3 where orgId = ?4 and status = ?5 and id <> ?6",
                RunStatus.FAILED, "Abandoned: the process running it stopped; run " + newRunId + " took over", now,
                orgId, RunStatus.RUNNING, newRunId).replaceWithVoid();
    }

    private void start(UUID runId) {
        CompletableFuture<IngestionRun> done = new CompletableFuture<>();
        local.put(runId, done);
        // The run gets a context of its own: it outlives the request that started it.
        contexts.onFreshContext(() -> runner.execute(runId, VertxContexts.current())).subscribe().with(
                run -> {
                    local.remove(runId);
                    done.complete(run);
                },
                failure -> {
                    local.remove(runId);
                    done.completeExceptionally(failure);
                });
    }

    /** The run once finished, or as it stands when {@code timeout} passes. */
    public Uni<IngestionRun> awaitFinished(UUID runId, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        Executor back = VertxContexts.current();
        CompletableFuture<IngestionRun> mine = local.get(runId);
        if (mine != null) {
            return Uni.createFrom().completionStage(mine)
                    .ifNoItem().after(timeout).recoverWithItem(() -> null)
                    .onFailure().recoverWithItem(() -> null)
                    .emitOn(back)
                    .chain(ignored -> current(runId));
        }
        return poll(runId, deadline, back);
    }

    /** A run of another replica: its row is the only news of it. */
    private Uni<IngestionRun> poll(UUID runId, Instant deadline, Executor back) {
        return current(runId).chain(run -> run.isFinished() || clock.instant().isAfter(deadline)
                ? Uni.createFrom().item(run)
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(1)).emitOn(back)
                        .chain(() -> poll(runId, deadline, back)));
    }

    private Uni<IngestionRun> current(UUID runId) {
        return Panache.withSession(() -> runs.findById(runId));
    }
}
