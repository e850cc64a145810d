package io.airspeed.ingest.service;

import io.airspeed.ingest.client.DeliveryRejectedException;
import io.airspeed.ingest.client.ImportedCall;
import io.airspeed.ingest.client.ImportedCalls;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The outbox towards visibility-service. An imported call waits {@code PENDING} until
 * visibility-service holds its current version ({@code DELIVERED}); outages are retried with
 * growing delays, never dropped; a refusal no retry can fix is {@code DEAD_LETTERED} with its
 * reason until the call's facts change. Every send is preceded by a claim, so replicas sharing
 * the outbox split it instead of all sending the same rows.
 */
@ApplicationScoped
public class DeliveryService {

    /** What a tenant reads while visibility-service cannot take a delivery; the cause goes to the log. */
    public static final String UNAVAILABLE = "visibility-service unavailable; retrying";

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    /** A bound on one drain's claims, so that a scheduler tick always ends. */
    private static final int MAX_ROUNDS = 100;

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

    /** How one send ended: delivered (failure null), to retry, or refused for good. */
    private record Attempt(CallDecision decision, Throwable failure) {

        boolean delivered() {
            return failure == null;
        }

        boolean rejected() {
            return failure instanceof DeliveryRejectedException;
        }
    }

    /**
     * Delivers these just-recorded decisions now, as far as this replica can claim them; returns
     * how many visibility-service accepted.
     */
    public Uni<Integer> deliver(List<CallDecision> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<UUID, List<Long>> byOrg = pending.stream().collect(Collectors.groupingBy(d -> d.orgId, LinkedHashMap::new,
                Collectors.mapping(d -> d.aircallCallId, Collectors.toList())));
        return Multi.createFrom().iterable(byOrg.entrySet())
                .onItem().transformToUniAndConcatenate(org -> claimAndSend(
                        () -> decisions.claimCalls(org.getKey(), org.getValue(), clock.instant(), claimUntil())))
                .map(Round::delivered)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /**
     * Drains the deliveries whose retry time has come (the scheduler calls this, on every replica),
     * a claimed batch at a time until none is left: after an outage the whole backlog goes out in
     * bulk requests, and replicas draining at once claim disjoint batches.
     */
    public Uni<Integer> retryDue() {
        return drain(() -> decisions.claimDue(clock.instant(), claimUntil(), claimSize()));
    }

    /** Drains an org's pending deliveries at once, whatever their backoff (end of a run). */
    public Uni<Integer> retryOrg(UUID orgId) {
        return drain(() -> decisions.claimPendingOf(orgId, clock.instant(), claimUntil(), claimSize()));
    }

    /** Enough for {@code concurrency} full bulk requests at once. */
    private int claimSize() {
        return ImportedCalls.MAX * config.concurrency();
    }

    private Instant claimUntil() {
        return clock.instant().plus(config.claimTtl());
    }

    /**
     * One claimed batch after another while batches come back full and visibility-service takes
     * them; a send that must be retried ends the drain (the backoff takes over from there). It ends:
     * a row sent leaves the claimable set (delivered or dead-lettered), and a row another replica
     * holds is not claimable until its claim runs out.
     */
    private Uni<Integer> drain(Supplier<Uni<List<CallDecision>>> claim) {
        return drain(claim, 0, MAX_ROUNDS);
    }

    private Uni<Integer> drain(Supplier<Uni<List<CallDecision>>> claim, int deliveredSoFar, int roundsLeft) {
        return claimAndSend(claim).chain(round -> {
            int delivered = deliveredSoFar + round.delivered();
            return round.claimed() < claimSize() || round.toRetry() > 0 || roundsLeft <= 1 ? Uni.createFrom().item(delivered)
                    : drain(claim, delivered, roundsLeft - 1);
        });
    }

    /** What one claimed batch came to. */
    private record Round(int claimed, int delivered, int toRetry) {

        static Round of(List<Attempt> attempts) {
            int delivered = (int) attempts.stream().filter(Attempt::delivered).count();
            int rejected = (int) attempts.stream().filter(Attempt::rejected).count();
            return new Round(attempts.size(), delivered, attempts.size() - delivered - rejected);
        }
    }

    /** The claim commits before anything is sent: other replicas see it at once and skip these rows. */
    private Uni<Round> claimAndSend(Supplier<Uni<List<CallDecision>>> claim) {
        Executor back = VertxContexts.current();
        return Panache.withTransaction(claim).chain(claimed -> send(claimed, back)).map(Round::of);
    }

    /** One bulk request per org and {@link ImportedCalls#MAX} calls, {@code concurrency} of them at once. */
    private Uni<List<Attempt>> send(List<CallDecision> claimed, Executor back) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(batches(claimed))
                .onItem().transformToUni(this::sendBatch)
                .merge(config.concurrency())
                .onItem().<Attempt>disjoint()
                .collect().asList()
                .emitOn(back)
                .call(attempts -> Panache.withTransaction(() -> settle(attempts)));
    }

    private static List<List<CallDecision>> batches(List<CallDecision> claimed) {
        List<List<CallDecision>> batches = new ArrayList<>();
        claimed.stream().collect(Collectors.groupingBy(d -> d.orgId, LinkedHashMap::new, Collectors.toList()))
                .values().forEach(ofOrg -> {
                    for (int from = 0; from < ofOrg.size(); from += ImportedCalls.MAX) {
                        batches.add(ofOrg.subList(from, Math.min(from + ImportedCalls.MAX, ofOrg.size())));
                    }
                });
        return batches;
    }

    /**
     * A batch visibility-service refuses for good (400, 422) names no culprit: applying nothing, it
     * is sent again call by call, so that only the calls refused on their own are dead-lettered.
     */
    private Uni<List<Attempt>> sendBatch(List<CallDecision> batch) {
        UUID orgId = batch.get(0).orgId;
        ImportedCalls body = new ImportedCalls(batch.stream()
                .map(decision -> new ImportedCalls.Item(decision.aircallCallId, toImportedCall(decision))).toList());
        return visibility.deliverAll(orgId, body)
                .map(ok -> batch.stream().map(decision -> new Attempt(decision, null)).toList())
                .onFailure(DeliveryRejectedException.class).recoverWithUni(refused -> {
                    LOG.infof("visibility-service refused a batch of %d calls of org %s (%s); sending them one by one",
                            batch.size(), orgId, refused.getMessage());
                    return sendOneByOne(batch);
                })
                .onFailure().recoverWithItem(e -> batch.stream().map(decision -> new Attempt(decision, e)).toList());
    }

    private Uni<List<Attempt>> sendOneByOne(List<CallDecision> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUni(decision -> visibility.deliver(decision.orgId, decision.aircallCallId, toImportedCall(decision))
                        .map(ok -> new Attempt(decision, null))
                        .onFailure().recoverWithItem(e -> new Attempt(decision, e)))
                .merge(config.concurrency())
                .collect().asList();
    }

    /** Every update names the version that was sent: a call re-decided meanwhile stays pending for its new version. */
    private Uni<Void> settle(List<Attempt> attempts) {
        Instant now = clock.instant();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var group : sentVersions(attempts.stream().filter(Attempt::delivered).toList()).entrySet()) {
            chain = chain.chain(() -> markDelivered(group.getKey(), group.getValue(), now));
        }
        List<Attempt> failed = attempts.stream().filter(a -> !a.delivered() && !a.rejected()).toList();
        for (var group : failedVersions(failed).entrySet()) {
            chain = chain.chain(() -> markFailed(group.getKey(), group.getValue(), now));
        }
        for (Attempt attempt : attempts.stream().filter(Attempt::rejected).toList()) {
            chain = chain.chain(() -> markDeadLettered(attempt.decision(), (DeliveryRejectedException) attempt.failure()));
        }
        if (!failed.isEmpty()) {
            // One line per batch, with one cause: an outage would otherwise write a line per call.
            Throwable cause = failed.get(0).failure();
            LOG.warnf("%d deliveries to visibility-service failed and will be retried; first: call %d: %s",
                    failed.size(), failed.get(0).decision().aircallCallId, cause);
            failed.forEach(a -> LOG.debugf("Delivery of call %d (org %s, version %d) failed: %s",
                    a.decision().aircallCallId, a.decision().orgId, a.decision().deliveryVersion, a.failure()));
        }
        return chain;
    }

    /** A page's decisions share their org and mostly their version: one UPDATE per (org, version). */
    private record SentVersion(UUID orgId, long version) {
    }

    private static Map<SentVersion, List<Long>> sentVersions(List<Attempt> delivered) {
        return delivered.stream().map(Attempt::decision)
                .collect(Collectors.groupingBy(sent -> new SentVersion(sent.orgId, sent.deliveryVersion), LinkedHashMap::new,
                        Collectors.mapping(sent -> sent.aircallCallId, Collectors.toList())));
    }

    private Uni<Void> markDelivered(SentVersion version, List<Long> aircallCallIds, Instant now) {
        metrics.counter("ingest.deliveries", "result", "delivered").increment(aircallCallIds.size());
        return decisions.update("deliveryStatus = ?1, deliveredAt = ?2, lastDeliveryError = null, nextDeliveryAt = null,"
                        + " deliveryClaimedUntil = null"
                        + " where orgId = ?3 and aircallCallId in ?4 and deliveryVersion = ?5 and deliveryStatus = ?6",
                DeliveryStatus.DELIVERED, now, version.orgId(), aircallCallIds, version.version(), DeliveryStatus.PENDING)
                .replaceWithVoid();
    }

    /** Failed sends that had been tried as often share their backoff: one UPDATE per (org, version, attempts). */
    private record FailedVersion(UUID orgId, long version, int attemptsBefore) {
    }

    private static Map<FailedVersion, List<Long>> failedVersions(List<Attempt> failed) {
        return failed.stream().map(Attempt::decision)
                .collect(Collectors.groupingBy(sent -> new FailedVersion(sent.orgId, sent.deliveryVersion, sent.deliveryAttempts),
                        LinkedHashMap::new, Collectors.mapping(sent -> sent.aircallCallId, Collectors.toList())));
    }

    private Uni<Void> markFailed(FailedVersion sent, List<Long> aircallCallIds, Instant now) {
        metrics.counter("ingest.deliveries", "result", "failed").increment(aircallCallIds.size());
        int attempts = sent.attemptsBefore() + 1;
        return decisions.update("deliveryAttempts = ?1, nextDeliveryAt = ?2, lastDeliveryError = ?3, deliveryClaimedUntil = null"
                        + " where orgId = ?4 and aircallCallId in ?5 and deliveryVersion = ?6 and deliveryStatus = ?7",
                attempts, now.plus(backoff(attempts)), UNAVAILABLE, sent.orgId(), aircallCallIds, sent.version(),
                DeliveryStatus.PENDING).replaceWithVoid();
    }

    /** Resending the same body would be refused again: it waits for the call's next version instead. */
    private Uni<Void> markDeadLettered(CallDecision sent, DeliveryRejectedException rejection) {
        metrics.counter("ingest.deliveries", "result", "dead_lettered").increment();
        LOG.warnf("Delivery of call %d (org %s, version %d) dead-lettered: %s", sent.aircallCallId, sent.orgId,
                sent.deliveryVersion, rejection.getMessage());
        return decisions.update("deliveryStatus = ?1, deliveryAttempts = ?2, nextDeliveryAt = null, lastDeliveryError = ?3,"
                                + " deliveryClaimedUntil = null"
                                + " where orgId = ?4 and aircallCallId = ?5 and deliveryVersion = ?6 and deliveryStatus = ?7",
                        DeliveryStatus.DEAD_LETTERED, sent.deliveryAttempts + 1, rejectedMessage(rejection), sent.orgId,
                        sent.aircallCallId, sent.deliveryVersion, DeliveryStatus.PENDING)
                .chain(updated -> updated == 0 ? Uni.createFrom().voidItem() : decisions.countDeadLettered(sent.runId, updated));
    }

    /** "rejected by visibility-service: 422 Invalid field": the status and the problem's title, nothing more. */
    static String rejectedMessage(DeliveryRejectedException rejection) {
        return "rejected by visibility-service: " + rejection.status() + (rejection.title() == null ? "" : " " + rejection.title());
    }

    Duration backoff(int attempts) {
        Duration delay = config.retryInitial().multipliedBy(1L << Math.min(attempts - 1, 16));
        return delay.compareTo(config.retryMax()) > 0 ? config.retryMax() : delay;
    }

    static ImportedCall toImportedCall(CallDecision decision) {
        return new ImportedCall(decision.ownerUserId, decision.participantList(), decision.startedAt, decision.endedAt,
                decision.durationSeconds, decision.direction == null ? null : decision.direction.toUpperCase(Locale.ROOT),
                decision.externalNumber, decision.aircallLink, decision.assetLink, "aircall:call:" + decision.aircallCallId,
                decision.deliveryVersion);
    }
}
