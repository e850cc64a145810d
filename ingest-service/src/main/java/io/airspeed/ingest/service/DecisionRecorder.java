package io.airspeed.ingest.service;

import io.airspeed.ingest.aircall.AircallCall;
import io.airspeed.ingest.domain.CallDecision;
import io.airspeed.ingest.domain.DecisionCause;
import io.airspeed.ingest.domain.DecisionHistoryEntry;
import io.airspeed.ingest.domain.DeliveryStatus;
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.airspeed.ingest.repository.DecisionHistoryRepository;
import io.airspeed.ingest.rules.CallRules;
import io.airspeed.ingest.rules.Decision;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.rules.Roster;
import io.airspeed.ingest.rules.RuleSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides a page of calls with the rules and writes their decisions (upserts keyed by org and
 * Aircall call id). It writes inside the page's transaction, which {@link RunLedger#commitPage}
 * opens together with the run's progress, the checkpoint and the lease extension.
 */
@ApplicationScoped
public class DecisionRecorder {

    /**
     * The run delivers what it imports right after each page; the retrier leaves such calls alone
     * this long, so that one call is not handed over twice at the same moment.
     */
    static final java.time.Duration INLINE_DELIVERY_CLAIM = java.time.Duration.ofMinutes(1);

    private final CallDecisionRepository decisions;
    private final DecisionHistoryRepository history;
    private final MeterRegistry metrics;
    private final Clock clock;

    DecisionRecorder(CallDecisionRepository decisions, DecisionHistoryRepository history, MeterRegistry metrics, Clock clock) {
        this.decisions = decisions;
        this.history = history;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Must run inside the page's transaction ({@link RunLedger#commitPage}); the decisions are
     * recorded under the cause of the run's kind.
     *
     * @return the imported decisions that now wait for delivery to visibility-service
     */
    Uni<List<CallDecision>> record(RunContext run, List<AircallCall> calls) {
        return record(run, calls, call -> run.settings(), run.kind().cause());
    }

    /** As {@link #record(RunContext, List)}, under {@code cause} (a re-check inside a scheduled run). */
    Uni<List<CallDecision>> record(RunContext run, List<AircallCall> calls, DecisionCause cause) {
        return record(run, calls, call -> run.settings(), cause);
    }

    /**
     * As {@link #record(RunContext, List)}, each call decided with its own rule settings: a replay
     * re-decides a call an admin's backfill read with the backfill's settings.
     */
    Uni<List<CallDecision>> record(RunContext run, List<AircallCall> calls, Function<AircallCall, RuleSettings> settings) {
        return record(run, calls, settings, run.kind().cause());
    }

    private Uni<List<CallDecision>> record(RunContext run, List<AircallCall> calls,
                                           Function<AircallCall, RuleSettings> settings, DecisionCause cause) {
        return Panache.getSession().chain(session -> {
            Instant now = clock.instant();
            List<Long> ids = calls.stream().map(AircallCall::id).toList();
            List<DecisionHistoryEntry> entries = new ArrayList<>();
            return decisions.findByCallIds(run.orgId(), ids)
                    .map(existing -> upsert(run, calls, existing, now, settings, cause, entries))
                    .call(changed -> persistNew(session, changed))
                    .call(() -> persistHistory(entries))
                    .map(changed -> changed.stream()
                            .filter(d -> d.deliveryStatus == DeliveryStatus.PENDING)
                            .toList());
        });
    }

    /**
     * Adds a history entry when the decision is new or its outcome or primary reason changed. A
     * re-read that changes neither adds nothing: every scheduled run re-reads its overlap (an hour
     * of calls, every five minutes), and an entry per re-read would bury the changes that explain
     * a call among thousands of identical lines. Must run inside the decision's transaction.
     */
    static void addHistory(List<DecisionHistoryEntry> entries, CallDecision row, Outcome before, Reason reasonBefore,
                           DecisionCause cause) {
        if (before == null || before != row.outcome || reasonBefore != row.primaryReason) {
            entries.add(DecisionHistoryEntry.of(row, cause));
        }
    }

    /** Persists entries made by {@link #addHistory}, in the caller's transaction. */
    Uni<Void> persistHistory(List<DecisionHistoryEntry> entries) {
        return entries.isEmpty() ? Uni.createFrom().voidItem() : history.persist(entries);
    }

    private Uni<Void> persistNew(org.hibernate.reactive.mutiny.Mutiny.Session session, List<CallDecision> changed) {
        List<CallDecision> fresh = changed.stream().filter(decision -> !session.contains(decision)).toList();
        return fresh.isEmpty() ? Uni.createFrom().voidItem() : decisions.persist(fresh);
    }

    private List<CallDecision> upsert(RunContext run, List<AircallCall> calls, List<CallDecision> existing, Instant now,
                                      Function<AircallCall, RuleSettings> settings, DecisionCause cause,
                                      List<DecisionHistoryEntry> entries) {
        Map<Long, CallDecision> byId = existing.stream()
                .collect(Collectors.toMap(d -> d.aircallCallId, Function.identity()));
        List<CallDecision> written = new ArrayList<>(calls.size());
        for (AircallCall call : calls) {
            Decision decision = CallRules.decide(CallFactsMapper.facts(call), run.roster(), run.windows(), now, settings.apply(call));
            CallDecision row = byId.get(call.id());
            if (row == null) {
                row = new CallDecision();
                row.orgId = run.orgId();
                row.aircallCallId = call.id();
                row.firstSeenAt = now;
                row.deliveryStatus = DeliveryStatus.NONE;
                byId.put(call.id(), row);
            }
            Outcome before = row.outcome;
            Reason reasonBefore = row.primaryReason;
            apply(row, call, decision, run, now);
            addHistory(entries, row, before, reasonBefore, cause);
            run.counters().add(decision);
            metrics.counter("ingest.decisions", "outcome", decision.outcome().name(),
                    "reason", decision.primaryReason() == null ? "NONE" : decision.primaryReason().name()).increment();
            written.add(row);
        }
        run.fetched().addAndGet(calls.size());
        return written;
    }

    /**
     * An imported call stays imported: it is already in front of users, and a later change of
     * seat or email must not pull it back. Its facts are refreshed and re-delivered if they moved.
     */
    private static void apply(CallDecision row, AircallCall call, Decision decision, RunContext run, Instant now) {
        boolean wasImported = row.outcome == Outcome.IMPORTED;
        String deliveredShape = wasImported ? deliveryShape(row) : null;

        row.aircallStatus = call.status();
        row.startedAt = call.started();
        row.endedAt = call.ended();
        row.durationSeconds = call.durationSeconds();
        row.direction = call.direction();
        row.aircallUserId = call.user() == null ? null : call.user().id();
        row.aircallUserEmail = call.user() == null ? null : call.user().email();
        row.aircallUserEmailNormalized = call.user() == null ? null : Roster.normalize(call.user().email());
        row.recordingPresent = call.hasRecording();
        row.missedCallReason = call.missedCallReason();
        row.externalNumber = call.rawDigits();
        row.aircallLink = call.directLink();
        row.assetLink = call.asset();
        row.decidedAt = now;
        row.runId = run.runId();

        if (wasImported) {
            if (decision.outcome() == Outcome.IMPORTED) {
                row.ownerUserId = decision.ownerUserId();
                row.participants(decision.participantUserIds());
            }
            if (!Objects.equals(deliveredShape, deliveryShape(row))) {
                row.queueDelivery(now.plus(INLINE_DELIVERY_CLAIM));
            }
            return;
        }
        row.outcome = decision.outcome();
        row.primaryReason = decision.primaryReason();
        row.reasons(decision.reasons());
        row.ownerUserId = decision.ownerUserId();
        row.participants(decision.participantUserIds());
        if (decision.outcome() == Outcome.IMPORTED) {
            row.queueDelivery(now.plus(INLINE_DELIVERY_CLAIM));
            row.deliveryAttempts = 0;
        }
    }

    /** What visibility-service is told about a call; a change in it means a new delivery. */
    private static String deliveryShape(CallDecision row) {
        return String.join("|", String.valueOf(row.ownerUserId), row.participantList().toString(), String.valueOf(row.startedAt),
                String.valueOf(row.endedAt), String.valueOf(row.durationSeconds), String.valueOf(row.direction),
                String.valueOf(row.externalNumber), String.valueOf(row.assetLink));
    }
}
