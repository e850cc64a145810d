package io.airspeed.ingest.service;

import io.airspeed.ingest.client.ImportedCall;
import io.airspeed.ingest.client.VisibilityClient;
import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.CallDecision;
import io.airspeed.ingest.domain.DeliveryStatus;
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The outbox towards visibility-service: an imported call stays {@code PENDING} delivery until
 * visibility-service has accepted it, retried with growing delays, never dropped.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    private static final int BATCH = 200;

    private final VisibilityClient visibility;
    private final CallDecisionRepository decisions;
    private final IngestConfig.Delivery config;
    private final MeterRegistry metrics;
    private final Clock clock;

    DeliveryService(VisibilityClient visibility, CallDecisionRepository decisions, IngestConfig config,
                    MeterRegistry metrics, Clock clock) {
        this.visibility = visibility;
        this.decisions = decisions;
        this.config = config.delivery();
        this.metrics = metrics;
        this.clock = clock;
    }

    private record Attempt(CallDecision decision, String error) {
    }

    /** Delivers these decisions now; returns how many visibility-service accepted. */
    public Uni<Integer> deliver(List<CallDecision> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Executor back = VertxContexts.current();
        return Multi.createFrom().iterable(pending)
                .onItem().transformToUni(decision -> visibility.deliver(decision.orgId, decision.aircallCallId, toImportedCall(decision))
                        .map(ok -> new Attempt(decision, null))
                        .onFailure().recoverWithItem(e -> new Attempt(decision, e.getMessage())))
                .merge(config.concurrency())
                .collect().asList()
                .emitOn(back)
                .call(attempts -> Panache.withTransaction(() -> markAll(attempts)))
                .map(attempts -> (int) attempts.stream().filter(a -> a.error() == null).count());
    }

    /** Retries every delivery whose time has come (the scheduler calls this). */
    public Uni<Integer> retryDue() {
        return Panache.withSession(() -> decisions.deliveriesDue(clock.instant(), BATCH)).chain(this::deliver);
    }

    /** Retries an org's pending deliveries at once, whatever their backoff (end of a run). */
    public Uni<Integer> retryOrg(UUID orgId) {
        return Panache.withSession(() -> decisions.deliveriesPendingOf(orgId, BATCH)).chain(this::deliver);
    }

    private Uni<Void> markAll(List<Attempt> attempts) {
        Instant now = clock.instant();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var group : delivered(attempts).entrySet()) {
            chain = chain.chain(() -> markDelivered(group.getKey(), group.getValue(), now));
        }
        for (Attempt attempt : attempts) {
            if (attempt.error() != null) {
                chain = chain.chain(() -> markFailed(attempt, now));
            }
        }
        return chain;
    }

    /** A page's decisions share their org and decision instant: one UPDATE marks them all. */
    private record DecisionVersion(UUID orgId, Instant decidedAt) {
    }

    private static Map<DecisionVersion, List<Long>> delivered(List<Attempt> attempts) {
        return attempts.stream().filter(attempt -> attempt.error() == null).map(Attempt::decision)
                .collect(Collectors.groupingBy(sent -> new DecisionVersion(sent.orgId, sent.decidedAt), LinkedHashMap::new,
                        Collectors.mapping(sent -> sent.aircallCallId, Collectors.toList())));
    }

    /** Only the version that was sent is marked: a decision re-decided meanwhile stays pending. */
    private Uni<Void> markDelivered(DecisionVersion version, List<Long> aircallCallIds, Instant now) {
        metrics.counter("ingest.deliveries", "result", "delivered").increment(aircallCallIds.size());
        return decisions.update("deliveryStatus = ?1, deliveredAt = ?2, lastDeliveryError = null, nextDeliveryAt = null"
                        + " where orgId = ?3 and aircallCallId in ?4 and decidedAt = ?5",
                DeliveryStatus.DELIVERED, now, version.orgId(), aircallCallIds, version.decidedAt()).replaceWithVoid();
    }

    private Uni<Void> markFailed(Attempt attempt, Instant now) {
        CallDecision sent = attempt.decision();
        metrics.counter("ingest.deliveries", "result", "failed").increment();
        int attempts = sent.deliveryAttempts + 1;
        LOG.debugf("Delivery of call %d failed (attempt %d): %s", sent.aircallCallId, attempts, attempt.error());
        return decisions.update("deliveryAttempts = ?1, nextDeliveryAt = ?2, lastDeliveryError = ?3"
                        + " where orgId = ?4 and aircallCallId = ?5 and deliveryStatus = ?6",
                attempts, now.plus(backoff(attempts)), truncate(attempt.error()), sent.orgId, sent.aircallCallId,
                DeliveryStatus.PENDING).replaceWithVoid();
    }

    Duration backoff(int attempts) {
        Duration delay = config.retryInitial().multipliedBy(1L << Math.min(attempts - 1, 16));
        return delay.compareTo(config.retryMax()) > 0 ? config.retryMax() : delay;
    }

    static ImportedCall toImportedCall(CallDecision decision) {
        return new ImportedCall(decision.ownerUserId, decision.participantList(), decision.startedAt, decision.endedAt,
                decision.durationSeconds, decision.direction == null ? null : decision.direction.toUpperCase(java.util.Locale.ROOT),
                decision.externalNumber, decision.aircallLink, decision.assetLink, "aircall:call:" + decision.aircallCallId);
    }

    private static String truncate(String error) {
        return error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
    }
}
