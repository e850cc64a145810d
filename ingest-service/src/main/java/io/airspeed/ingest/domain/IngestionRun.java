package io.airspeed.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "ingestion_runs")
public class IngestionRun {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunStatus status;

    /** Who started it: "cron", "schedule", "admin:<userId>". */
    @Column(nullable = false)
    public String trigger;

    @Column(name = "window_from", nullable = false)
    public Instant windowFrom;

    @Column(name = "window_to", nullable = false)
    public Instant windowTo;

    /** Calls of the window that started before this instant are decided and committed. */
    @Column(name = "cursor_at", nullable = false)
    public Instant cursorAt;

    public long fetched;

    @Column(name = "aircall_total")
    public Long aircallTotal;

    @Column(name = "aircall_requests")
    public long aircallRequests;

    public long throttled;

    public long retries;

    @Column(name = "pending_rechecked")
    public long pendingRechecked;

    /** Pending decisions that waited for a re-check and were left to the next runs (the per-run bound). */
    @Column(name = "pending_remaining")
    public long pendingRemaining;

    @Column(name = "delivery_pending")
    public long deliveryPending;

    /** Written only by the outbox, in SQL: the run's own updates must not overwrite its count. */
    @Column(name = "delivery_dead_lettered", insertable = false, updatable = false)
    public long deliveryDeadLettered;

    /** Counts per outcome and per reason, as a JSON object. */
    @Column(name = "counts_json", nullable = false)
    public String countsJson;

    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "heartbeat_at", nullable = false)
    public Instant heartbeatAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The replica whose worker claimed the run (null while QUEUED). */
    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "started_at")
    public Instant startedAt;

    /**
     * A GAP_BACKFILL of a gap longer than {@code ingest.backfill.max-range} reads its most recent
     * part; this older part is left unread, and reported.
     */
    @Column(name = "not_backfilled_from")
    public Instant notBackfilledFrom;

    @Column(name = "not_backfilled_to")
    public Instant notBackfilledTo;

    @Version
    public long version;

    /** A run waiting for a worker; a scheduled run's window is set again when it is claimed. */
    public static IngestionRun queue(UUID orgId, RunKind kind, String trigger, Instant from, Instant to, Instant now) {
        IngestionRun run = new IngestionRun();
        run.id = UUID.randomUUID();
        run.orgId = orgId;
        run.kind = kind;
        run.status = RunStatus.QUEUED;
        run.trigger = trigger;
        run.windowFrom = from;
        run.windowTo = to;
        run.cursorAt = from;
        run.countsJson = "{}";
        run.createdAt = now;
        run.heartbeatAt = now;
        return run;
    }

    public boolean isFinished() {
        return status == RunStatus.SUCCEEDED || status == RunStatus.FAILED;
    }
}
