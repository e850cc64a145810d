package io.airspeed.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airspeed.ingest.aircall.AircallCall;
import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.CallDecision;
import io.airspeed.ingest.domain.DeliveryStatus;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.IntegrationRepository;
import io.airspeed.ingest.repository.OrgLeaseRepository;
import io.airspeed.ingest.rules.CallRules;
import io.airspeed.ingest.rules.Decision;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Roster;
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
 * Decides a page of calls and commits, in one transaction, their decisions, the run's progress,
 * the org's checkpoint and the lease renewal: a crash loses at most the page in flight.
 */
@ApplicationScoped
public class DecisionRecorder {

    /**
     * The run delivers what it imports right after each page; the retrier leaves such calls alone
     * this long, so that one call is not handed over twice at the same moment.
     */
    static final java.time.Duration INLINE_DELIVERY_CLAIM = java.time.Duration.ofMinutes(1);

    private final CallDecisionRepository decisions;
    private final IngestionRunRepository runs;
    private final IntegrationRepository integrations;
    private final OrgLeaseRepository leases;
    private final IngestConfig config;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Clock clock;

    DecisionRecorder(CallDecisionRepository decisions, IngestionRunRepository runs, IntegrationRepository integrations,
                     OrgLeaseRepository leases, IngestConfig config, ObjectMapper json, MeterRegistry metrics, Clock clock) {
        this.decisions = decisions;
        this.runs = runs;
        this.integrations = integrations;
        this.leases = leases;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param cursor the run has read every call that started before this instant (null: unchanged)
     * @return the imported decisions that now wait for delivery to visibility-service
     */
    public Uni<List<CallDecision>> record(RunContext run, List<AircallCall> calls, Instant cursor) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            Instant now = clock.instant();
            List<Long> ids = calls.stream().map(AircallCall::id).toList();
            return decisions.findByCallIds(run.orgId(), ids)
                    .map(existing -> upsert(run, calls, existing, now))
                    .call(changed -> persistNew(session, changed))
                    .call(() -> progress(run, cursor, now))
                    .call(() -> leases.renew(session, run.orgId(), run.runId(), now, config.runs().leaseTtl())
                            .invoke(held -> {
                                if (!held) {
                                    throw new LeaseLostException("Run " + run.runId() + " lost the lease of org " + run.orgId());
                                }
                            }))
                    .map(changed -> changed.stream()
                            .filter(d -> d.deliveryStatus == DeliveryStatus.PENDING)
                            .toList());
        }));
    }

    private Uni<Void> persistNew(org.hibernate.reactive.mutiny.Mutiny.Session session, List<CallDecision> changed) {
        List<CallDecision> fresh = changed.stream().filter(decision -> !session.contains(decision)).toList();
        return fresh.isEmpty() ? Uni.createFrom().voidItem() : decisions.persist(fresh);
    }

    private List<CallDecision> upsert(RunContext run, List<AircallCall> calls, List<CallDecision> existing, Instant now) {
        Map<Long, CallDecision> byId = existing.stream()
                .collect(Collectors.toMap(d -> d.aircallCallId, Function.identity()));
        List<CallDecision> written = new ArrayList<>(calls.size());
        for (AircallCall call : calls) {
            Decision decision = CallRules.decide(CallFactsMapper.facts(call), run.roster(), run.windows(), now, run.settings());
            CallDecision row = byId.get(call.id());
            if (row == null) {
                row = new CallDecision();
                row.orgId = run.orgId();
                row.aircallCallId = call.id();
                row.firstSeenAt = now;
                row.deliveryStatus = DeliveryStatus.NONE;
                byId.put(call.id(), row);
            }
            apply(row, call, decision, run, now);
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
        return String.join("|", String.valueOf(row.ownerUserId), row.participantUserIds, String.valueOf(row.startedAt),
                String.valueOf(row.endedAt), String.valueOf(row.durationSeconds), String.valueOf(row.direction),
                String.valueOf(row.externalNumber), String.valueOf(row.assetLink));
    }

    private Uni<Void> progress(RunContext run, Instant cursor, Instant now) {
        return runs.findById(run.runId()).chain(row -> {
            writeProgress(row, run, cursor, now);
            if (cursor == null || run.kind() != RunKind.SCHEDULED) {
                return Uni.createFrom().voidItem();
            }
            return integrations.findById(run.orgId()).invoke(integration -> {
                if (integration.scannedUntil == null || cursor.isAfter(integration.scannedUntil)) {
                    integration.scannedUntil = cursor;
                }
            }).replaceWithVoid();
        });
    }

    void writeProgress(IngestionRun row, RunContext run, Instant cursor, Instant now) {
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
        row.countsJson = countsJson(run.counters());
        row.heartbeatAt = now;
    }

    String countsJson(RunCounters counters) {
        try {
            return json.writeValueAsString(counters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
