package io.airspeed.ingest.service;

import io.airspeed.ingest.aircall.AircallCall;
import io.airspeed.ingest.aircall.AircallClient;
import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.CallDecision;
import io.airspeed.ingest.domain.DecisionCause;
import io.airspeed.ingest.domain.DecisionHistoryEntry;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.rules.Decision;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Brings every PENDING decision to a final one. A scheduled run re-reads only its window, so the
 * pending calls older than it are looked up one by one in Aircall: re-decided when Aircall still
 * has them (the recording arrived, the grace period or the in-progress limit passed), decided
 * {@link Reason#SKIPPED_DELETED_IN_AIRCALL} when Aircall answers 404. At most
 * {@code ingest.recheck.max-per-run} per run, least recently decided first, so a backlog is
 * worked off over several runs instead of holding one run for hours at Aircall's rate limit.
 */
@ApplicationScoped
public class PendingRecheck {

    private static final Logger LOG = Logger.getLogger(PendingRecheck.class);
    private static final int BATCH = 50;
    private static final Decision DELETED_IN_AIRCALL = new Decision(Outcome.SKIPPED, Reason.SKIPPED_DELETED_IN_AIRCALL,
            List.of(Reason.SKIPPED_DELETED_IN_AIRCALL), null, List.of());

    private final CallDecisionRepository decisions;
    private final IngestionRunRepository runs;
    private final AircallClient aircall;
    private final DecisionRecorder recorder;
    private final RunLedger ledger;
    private final RunDelivery delivery;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final Clock clock;

    PendingRecheck(CallDecisionRepository decisions, IngestionRunRepository runs, AircallClient aircall,
                   DecisionRecorder recorder, RunLedger ledger, RunDelivery delivery, IngestConfig config,
                   MeterRegistry metrics, Clock clock) {
        this.decisions = decisions;
        this.runs = runs;
        this.aircall = aircall;
        this.recorder = recorder;
        this.ledger = ledger;
        this.delivery = delivery;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Re-checks the run's share of the org's pending calls that started before the run's window. */
    Uni<Void> recheck(RunContext run, Executor context) {
        if (run.kind() != RunKind.SCHEDULED) {
            return Uni.createFrom().voidItem();
        }
        int bound = Math.max(0, config.recheck().maxPerRun());
        return Panache.withSession(() -> runs.findById(run.runId()).chain(row ->
                        decisions.countPendingBefore(run.orgId(), row.windowFrom).chain(waiting ->
                                (bound == 0 ? Uni.createFrom().item(List.<CallDecision>of())
                                        : decisions.pendingBefore(run.orgId(), row.windowFrom, bound))
                                        .map(share -> new Share(share, waiting - share.size())))))
                .emitOn(context)
                .chain(share -> Multi.createFrom().iterable(share.decisions())
                        .group().intoLists().of(BATCH)
                        .onItem().transformToUniAndConcatenate(batch -> batch(run, batch, context))
                        .collect().last()
                        .chain(() -> remaining(run, share.remaining())));
    }

    private record Share(List<CallDecision> decisions, long remaining) {
    }

    private Uni<Void> batch(RunContext run, List<CallDecision> batch, Executor context) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(decision -> aircall.call(run.credentials(), decision.aircallCallId, run.stats())
                        .map(found -> new Lookup(decision.aircallCallId, found)))
                .collect().asList()
                .emitOn(context)
                .invoke(() -> run.pendingRechecked().addAndGet(batch.size()))
                .chain(lookups -> {
                    List<AircallCall> found = new ArrayList<>();
                    List<Long> gone = new ArrayList<>();
                    lookups.forEach(lookup -> lookup.call().ifPresentOrElse(found::add, () -> gone.add(lookup.callId())));
                    // One fenced commit: a run that lost its lease decides nothing more, and delivers nothing.
                    return ledger.commitPage(run, null, () -> recorder.record(run, found, DecisionCause.RECHECK)
                                    .call(() -> deletedInAircall(run, gone)))
                            .chain(pending -> delivery.deliver(run, pending, context));
                });
    }

    private record Lookup(long callId, Optional<AircallCall> call) {
    }

    /**
     * Aircall answers 404: the call is gone there for good, and so is any chance to import it.
     * Runs inside the batch's fenced commit.
     */
    private Uni<Void> deletedInAircall(RunContext run, List<Long> callIds) {
        if (callIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<DecisionHistoryEntry> entries = new ArrayList<>();
        return decisions.findByCallIds(run.orgId(), callIds).invoke(rows -> {
            Instant now = clock.instant();
            int decided = 0;
            for (CallDecision row : rows) {
                // Only a decision still pending: one re-decided meanwhile (replay, webhook) stands.
                if (row.outcome != Outcome.PENDING) {
                    continue;
                }
                Reason reasonBefore = row.primaryReason;
                row.outcome = DELETED_IN_AIRCALL.outcome();
                row.primaryReason = DELETED_IN_AIRCALL.primaryReason();
                row.reasons(DELETED_IN_AIRCALL.reasons());
                row.decidedAt = now;
                row.runId = run.runId();
                DecisionRecorder.addHistory(entries, row, Outcome.PENDING, reasonBefore, DecisionCause.RECHECK);
                run.counters().add(DELETED_IN_AIRCALL);
                metrics.counter("ingest.decisions", "outcome", Outcome.SKIPPED.name(),
                        "reason", Reason.SKIPPED_DELETED_IN_AIRCALL.name()).increment();
                decided++;
            }
            LOG.infof("Run %s: %d pending calls of org %s are no longer in Aircall", run.runId(), decided, run.orgId());
        }).chain(() -> recorder.persistHistory(entries));
    }

    private Uni<Void> remaining(RunContext run, long remaining) {
        if (remaining > 0) {
            LOG.infof("Run %s left %d pending calls of org %s to the next runs (at most %d re-checked per run)",
                    run.runId(), remaining, run.orgId(), config.recheck().maxPerRun());
        }
        // Written with the run's progress by the ledger, at its next commit or at its end.
        run.pendingRemaining().set(Math.max(0, remaining));
        return Uni.createFrom().voidItem();
    }
}
