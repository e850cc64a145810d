package io.airspeed.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.Integration;
import io.airspeed.ingest.domain.IntegrationStatus;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.domain.RunStatus;
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.IntegrationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one owner of run state: the run row and its progress, the org's checkpoint
 * ({@code integrations.scanned_until}) and the org's lease ({@code org_leases}). Every method is
 * one transaction; nothing else writes these.
 *
 * <p>The lease fences: expiry is judged by the database's clock ({@code clock_timestamp()}),
 * and every write of a running run first extends its own unexpired lease in the same
 * transaction. That update locks the lease row, so a takeover waits for the write to commit and
 * then finds the lease unexpired; and a run whose lease expired or was taken over finds no row to
 * extend, writes nothing and stops. The checkpoint only moves forward, guarded in SQL.
 */
@ApplicationScoped
public class RunLedger {

    private static final Logger LOG = Logger.getLogger(RunLedger.class);

    /** The run holds the lease only while it is unexpired by the database's clock; each write extends it. */
    private static final String EXTEND = "update ingest.org_leases set expires_at = clock_timestamp() + make_interval(secs => :ttl)"
            + " where org_id = :org and run_id = :run and expires_at > clock_timestamp()";

    /** Takes the org's lease unless another run holds an unexpired one. */
    private static final String TAKE = "insert into ingest.org_leases (org_id, run_id, expires_at)"
            + " values (:org, :run, clock_timestamp() + make_interval(secs => :ttl))"
            + " on conflict (org_id) do update set run_id = excluded.run_id, expires_at = excluded.expires_at"
            + " where org_leases.expires_at <= clock_timestamp()";

    /**
     * Queued runs a worker may start now: the oldest queued run of each org whose lease is free,
     * oldest first. Rows another replica is claiming are skipped, not waited for.
     */
    private static final String CLAIMABLE = "select r.id from ingest.ingestion_runs r"
            + " where r.status = 'QUEUED'"
            + " and not exists (select 1 from ingest.ingestion_runs o where o.org_id = r.org_id and o.status = 'QUEUED'"
            + "   and (o.created_at, o.id) < (r.created_at, r.id))"
            + " and not exists (select 1 from ingest.org_leases l where l.org_id = r.org_id and l.expires_at > clock_timestamp())"
            + " order by r.created_at, r.id limit :max for update of r skip locked";

    /**
     * The org's run a new trigger joins: the one holding an unexpired lease, else the oldest queued
     * one. Never a replay: it reads no window, so a scheduled run or a backfill queues behind it.
     */
    private static final String ACTIVE = "select r.id from ingest.ingestion_runs r where r.org_id = :org and r.kind <> 'REPLAY'"
            + " and (r.status = 'QUEUED'"
            + " or (r.status = 'RUNNING' and exists (select 1 from ingest.org_leases l where l.org_id = r.org_id"
            + "   and l.run_id = r.id and l.expires_at > clock_timestamp())))"
            + " order by case when r.status = 'RUNNING' then 0 else 1 end, r.created_at limit 1";

    private final IngestionRunRepository runs;
    private final IntegrationRepository integrations;
    private final CallDecisionRepository decisions;
    private final VertxContexts contexts;
    private final IngestConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    RunLedger(IngestionRunRepository runs, IntegrationRepository integrations, CallDecisionRepository decisions,
              VertxContexts contexts, IngestConfig config, ObjectMapper json, Clock clock) {
        this.runs = runs;
        this.integrations = integrations;
        this.decisions = decisions;
        this.contexts = contexts;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    // --- queue ---------------------------------------------------------------------------------

    /**
     * Queues a run for the org. A scheduled trigger joins the org's run instead (joined) when there
     * is one: the one running with a live lease, or one already queued. A backfill is its own range,
     * so it never joins: it is queued behind the org's current and queued runs (claimed oldest first),
     * at most {@code ingest.backfill.max-queued} waiting at once. Two triggers for one org at the same
     * moment are ordered by the org's advisory lock.
     */
    public Uni<RunLauncher.Launch> enqueue(UUID orgId, RunKind kind, String trigger, Instant from, Instant to) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> lockOrg(session, orgId)
                .chain(() -> integrations.findById(orgId))
                .onItem().ifNull().failWith(() -> new NotFoundException("Your org has no Aircall integration; connect one first"))
                .invoke(RunLedger::requireConnected)
                .chain(integration -> {
                    if (kind.isBackfill()) {
                        return requireRoomInQueue(orgId)
                                .chain(() -> runs.persist(IngestionRun.queue(orgId, kind, trigger, from, to, clock.instant())))
                                .map(RunLauncher.Launch::queued);
                    }
                    return activeRun(session, orgId).chain(active -> {
                        if (active != null) {
                            return Uni.createFrom().item(RunLauncher.Launch.joined(active));
                        }
                        Instant now = clock.instant();
                        return runs.persist(IngestionRun.queue(orgId, kind, trigger, scanFrom(integration), now, now))
                                .map(RunLauncher.Launch::queued);
                    });
                })));
    }

    private Uni<Void> requireRoomInQueue(UUID orgId) {
        int max = config.backfill().maxQueued();
        return runs.countQueuedBackfills(orgId).invoke(queued -> {
            if (queued >= max) {
                throw new ConflictException(queued + " backfills of your org are already waiting (at most " + max
                        + "); request this one when some of them have run");
            }
        }).replaceWithVoid();
    }

    /**
     * Queues the backfill of a disconnection gap, in the caller's transaction (the reconnection's
     * own, so that the new window and its gap's backfill commit together). Not bound by
     * {@code max-queued}: one per reconnection, and the gap would otherwise stay a gap.
     *
     * @param notFrom the start of the gap's older part left unread when the gap is longer than the
     *                backfill maximum (null: the whole gap is read); it ends where the run starts
     */
    Uni<IngestionRun> queueGapBackfill(UUID orgId, Instant from, Instant to, Instant notFrom) {
        return Panache.getSession().chain(session -> lockOrg(session, orgId).chain(() -> {
            IngestionRun run = IngestionRun.queue(orgId, RunKind.GAP_BACKFILL, "reconnection", from, to, clock.instant());
            if (notFrom != null) {
                run.notBackfilledFrom = notFrom;
                run.notBackfilledTo = from;
            }
            return runs.persist(run);
        }));
    }

    /** The org's queued replay, locked: no worker claims it while a change is attached to it. */
    private static final String QUEUED_REPLAY = "select r.id from ingest.ingestion_runs r where r.org_id = :org"
            + " and r.kind = 'REPLAY' and r.status = 'QUEUED' order by r.created_at, r.id limit 1 for update";

    /**
     * Attaches roster changes to the org's queued replay, or queues one for them: a change arriving
     * while a replay waits is merged into it, one arriving while a replay runs gets the next one.
     * Null when the integration is not connected: the changes wait (see RosterChangeService's sweep).
     */
    public Uni<IngestionRun> enqueueReplay(UUID orgId, String trigger, List<UUID> changeIds) {
        if (changeIds.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> lockOrg(session, orgId)
                .chain(() -> integrations.findById(orgId))
                .chain(integration -> {
                    if (integration == null || integration.status != IntegrationStatus.CONNECTED) {
                        return Uni.createFrom().<IngestionRun>nullItem();
                    }
                    return session.createNativeQuery(QUEUED_REPLAY).setParameter("org", orgId).getResultList()
                            .chain(ids -> {
                                if (!ids.isEmpty()) {
                                    return runs.findById((UUID) ids.get(0));
                                }
                                Instant now = clock.instant();
                                return runs.persist(IngestionRun.queue(orgId, RunKind.REPLAY, trigger, now, now, now))
                                        .call(() -> session.flush());
                            })
                            .call(run -> session.createNativeQuery("insert into ingest.replay_changes (run_id, change_id)"
                                            + " select :run, unnest(cast(:changes as uuid[])) on conflict do nothing")
                                    .setParameter("run", run.id).setParameter("changes", changeIds.toArray(UUID[]::new))
                                    .executeUpdate());
                })));
    }

    private static void requireConnected(Integration integration) {
        if (integration.status != IntegrationStatus.CONNECTED) {
            throw new ConflictException("The Aircall integration is " + integration.status
                    + (integration.status == IntegrationStatus.BROKEN ? " since " + integration.brokenSince : "")
                    + "; an admin must connect it again");
        }
    }

    private static Uni<Void> lockOrg(Mutiny.Session session, UUID orgId) {
        return session.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) l")
                .setParameter("key", "ingest-run:" + orgId).getSingleResult().replaceWithVoid();
    }

    private Uni<IngestionRun> activeRun(Mutiny.Session session, UUID orgId) {
        return session.createNativeQuery(ACTIVE).setParameter("org", orgId).getResultList()
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().nullItem() : runs.findById((UUID) ids.get(0)));
    }

    /**
     * Claims up to {@code max} queued runs for this replica's worker: takes each one's org lease,
     * marks abandoned the org's runs whose lease expired (their process died), and sets a
     * scheduled run's window from the checkpoint as it is now.
     */
    public Uni<List<IngestionRun>> claim(String workerId, int max) {
        if (max <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(CLAIMABLE)
                .setParameter("max", max).getResultList()
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> claimOne(session, (UUID) id, workerId))
                        .collect().asList())));
    }

    private Uni<IngestionRun> claimOne(Mutiny.Session session, UUID runId, String workerId) {
        return runs.findById(runId).chain(run -> session.createNativeQuery(TAKE)
                .setParameter("org", run.orgId).setParameter("run", run.id).setParameter("ttl", ttlSeconds())
                .executeUpdate()
                .chain(taken -> taken != 1 ? Uni.createFrom().<IngestionRun>nullItem()
                        : abandonStale(run.orgId, run.id)
                                .chain(() -> integrations.findById(run.orgId))
                                .map(integration -> {
                                    Instant now = clock.instant();
                                    if (run.kind == RunKind.SCHEDULED && integration != null) {
                                        run.windowFrom = scanFrom(integration);
                                        run.windowTo = now;
                                        run.cursorAt = run.windowFrom;
                                    }
                                    run.status = RunStatus.RUNNING;
                                    run.claimedBy = workerId;
                                    run.startedAt = now;
                                    run.heartbeatAt = now;
                                    return run;
                                })));
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

    /** A run whose process died left its row RUNNING; its lease expired, so it is over. */
    private Uni<Void> abandonStale(UUID orgId, UUID newRunId) {
        return runs.update("status = ?1, error = ?2, finishedAt = ?3 where orgId = ?4 and status = ?5 and id <> ?6",
                RunStatus.FAILED, "Abandoned: it stopped renewing its org's lease (its process stopped); run " + newRunId
                        + " took over", clock.instant(), orgId, RunStatus.RUNNING, newRunId).replaceWithVoid();
    }

    // --- the lease while a run is alive ----------------------------------------------------------

    /**
     * Starts renewing the lease on a timer, whatever the run is doing (a long wait on Aircall's
     * 429s included); a refused renewal marks the lease lost and the run stops at its next step.
     */
    RunLease keepAlive(UUID runId, UUID orgId) {
        RunLease lease = new RunLease(runId, orgId);
        Duration every = config.runs().leaseRenewEvery().orElse(config.runs().leaseTtl().dividedBy(3));
        Cancellable timer = Multi.createFrom().ticks().startingAfter(every).every(every)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> contexts.onFreshContext(() -> renew(lease))
                        .onFailure().invoke(e -> LOG.warnf("Could not renew the lease of run %s: %s", runId, e.toString()))
                        .onFailure().recoverWithItem(true))
                .subscribe().with(held -> {
                    if (!held) {
                        LOG.warnf("Run %s of org %s lost its lease; it stops", runId, orgId);
                        lease.markLost();
                        lease.stopRenewing();
                    }
                });
        lease.renewWith(timer);
        return lease;
    }

    /** Extends the lease if the run still holds it; false when it does not (it must stop). */
    public Uni<Boolean> renew(RunLease lease) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> extend(session, lease)));
    }

    private Uni<Boolean> extend(Mutiny.Session session, RunLease lease) {
        return session.createNativeQuery(EXTEND)
                .setParameter("ttl", ttlSeconds()).setParameter("org", lease.orgId()).setParameter("run", lease.runId())
                .executeUpdate().map(updated -> updated == 1);
    }

    /** The fence every write of a running run passes first, in the write's own transaction. */
    private Uni<Void> fence(Mutiny.Session session, RunLease lease) {
        lease.requireHeld();
        return extend(session, lease).invoke(held -> {
            if (!held) {
                lease.markLost();
                throw LeaseLostException.of(lease.runId(), lease.orgId());
            }
        }).replaceWithVoid();
    }

    /** Whether the run still holds its lease now, by the database's clock: asked before each delivery. */
    public Uni<Boolean> holds(RunLease lease) {
        if (lease.lost()) {
            return Uni.createFrom().item(false);
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from ingest.org_leases where org_id = :org and run_id = :run and expires_at > clock_timestamp()")
                .setParameter("org", lease.orgId()).setParameter("run", lease.runId()).getSingleResult()
                .map(count -> ((Number) count).longValue() == 1)));
    }

    /**
     * Marks FAILED those of these runs still RUNNING whose lease expired by the database's clock:
     * their process died, and nobody has taken the org over yet. A run that is in fact alive but
     * stalled that long finds its lease expired at its next write and stops, so nothing is lost.
     */
    public Uni<Void> abandonExpired(List<UUID> runIds) {
        if (runIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "update ingest.ingestion_runs r set status = 'FAILED', error = :error, finished_at = :now"
                                + " where r.id in (:ids) and r.status = 'RUNNING' and not exists (select 1 from ingest.org_leases l"
                                + " where l.run_id = r.id and l.expires_at > clock_timestamp())")
                .setParameter("error", "Abandoned: it stopped renewing its org's lease (its process stopped)")
                .setParameter("now", clock.instant()).setParameter("ids", runIds)
                .executeUpdate().replaceWithVoid()));
    }

    // --- a page, the end -----------------------------------------------------------------------

    /**
     * Commits one page: the lease is extended (or the run stops), then {@code pageWrites} (the
     * page's decisions), the run's progress and, for a scheduled run, the checkpoint, all in one
     * transaction: a crash loses at most the page in flight.
     *
     * @param cursor every call of the window that started before it is now decided (null: unchanged)
     */
    <T> Uni<T> commitPage(RunContext run, Instant cursor, Supplier<Uni<? extends T>> pageWrites) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> fence(session, run.lease())
                .<T>chain(pageWrites)
                .call(() -> runs.findById(run.runId()).invoke(row -> writeProgress(row, run, cursor, clock.instant())))
                .call(() -> cursor == null || run.kind() != RunKind.SCHEDULED ? Uni.createFrom().voidItem()
                        : advanceCheckpoint(session, run.orgId(), cursor))));
    }

    /** The run read its whole window: SUCCEEDED, the checkpoint at its end, the lease released. */
    Uni<IngestionRun> finish(RunContext run) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> fence(session, run.lease())
                .chain(() -> decisions.countDeliveriesPending(run.orgId()))
                .chain(pending -> runs.findById(run.runId()).invoke(row -> {
                    Instant now = clock.instant();
                    writeProgress(row, run, row.windowTo, now);
                    row.status = RunStatus.SUCCEEDED;
                    row.finishedAt = now;
                    row.error = null;
                    row.deliveryPending = pending;
                }))
                .call(row -> run.kind() != RunKind.SCHEDULED ? Uni.createFrom().voidItem()
                        : advanceCheckpoint(session, run.orgId(), row.windowTo).chain(() -> succeeded(session, run.orgId())))
                .call(() -> release(session, run.lease()))));
    }

    /**
     * The run failed: FAILED with a short public message, the lease released. A run that no
     * longer holds its lease leaves its row alone: the run that took over has already marked it.
     *
     * @param run null when the run failed before its context existed
     */
    Uni<IngestionRun> fail(RunLease lease, RunContext run, Throwable failure) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> release(session, lease)
                .chain(released -> runs.findById(lease.runId()).call(row -> {
                    if (!released || row.status != RunStatus.RUNNING) {
                        return Uni.createFrom().voidItem();
                    }
                    Instant now = clock.instant();
                    if (run != null) {
                        writeProgress(row, run, null, now);
                    }
                    row.status = RunStatus.FAILED;
                    row.error = RunFailures.publicMessage(failure);
                    row.finishedAt = now;
                    row.heartbeatAt = now;
                    return decisions.countDeliveriesPending(row.orgId).invoke(pending -> row.deliveryPending = pending);
                }))));
    }

    /** Deletes the lease if this run holds it, expired or not; true when it did. */
    private static Uni<Boolean> release(Mutiny.Session session, RunLease lease) {
        return session.createNativeQuery("delete from ingest.org_leases where org_id = :org and run_id = :run")
                .setParameter("org", lease.orgId()).setParameter("run", lease.runId())
                .executeUpdate().map(deleted -> deleted == 1);
    }

    /** Forward only: a run re-reading an overlap, or finishing late, never moves the checkpoint back. */
    private static Uni<Void> advanceCheckpoint(Mutiny.Session session, UUID orgId, Instant until) {
        return session.createNativeQuery("update ingest.integrations set scanned_until = :until"
                        + " where org_id = :org and (scanned_until is null or scanned_until < :until)")
                .setParameter("until", until).setParameter("org", orgId).executeUpdate().replaceWithVoid();
    }

    private Uni<Void> succeeded(Mutiny.Session session, UUID orgId) {
        return session.createNativeQuery("update ingest.integrations set last_successful_run_at = :now where org_id = :org")
                .setParameter("now", clock.instant()).setParameter("org", orgId).executeUpdate().replaceWithVoid();
    }

    private void writeProgress(IngestionRun row, RunContext run, Instant cursor, Instant now) {
        if (cursor != null && cursor.isAfter(row.cursorAt)) {
            row.cursorAt = cursor;
        }
        row.fetched = run.fetched().get();
        if (run.aircallTotal().get() > 0) {
            row.aircallTotal = run.aircallTotal().get();
        }
        row.aircallRequests = run.stats().requests();
        row.throttled = run.stats().throttledResponses();
        row.retries = run.stats().retries();
        row.pendingRechecked = run.pendingRechecked().get();
        row.pendingRemaining = run.pendingRemaining().get();
        row.countsJson = countsJson(run.counters());
        row.heartbeatAt = now;
    }

    private String countsJson(RunCounters counters) {
        try {
            return json.writeValueAsString(counters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private double ttlSeconds() {
        return config.runs().leaseTtl().toMillis() / 1000.0;
    }
}
