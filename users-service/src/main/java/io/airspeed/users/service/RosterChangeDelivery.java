package io.airspeed.users.service;

import io.airspeed.users.client.DestinationUnavailableException;
import io.airspeed.users.client.RosterChangeBatch;
import io.airspeed.users.client.RosterChangeClient;
import io.airspeed.users.client.RosterChangeRejectedException;
import io.airspeed.users.config.UsersConfig;
import io.airspeed.users.domain.DeliveryStatus;
import io.airspeed.users.domain.RosterChangeOutbox;
import io.airspeed.users.domain.RosterDestination;
import io.airspeed.users.repository.RosterChangeOutboxRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Delivers the roster change outbox to ingest-service and visibility-service. Every run claims the
 * due (org, destination) pairs (SKIP LOCKED plus a claim that runs out, so replicas share the work
 * and a dead replica's claims are taken over), sends each pair's oldest pending changes in
 * sequence order, at most {@code batch-size} per request, and settles them: delivered; pending
 * with an exponentially growing, capped delay after an outage or a 5xx; or rejected, with its
 * reason kept, after an answer that sending again cannot change. Nothing is ever dropped.
 */
@ApplicationScoped
public class RosterChangeDelivery {

    /** The receivers' limit per request (contract of issue 12). */
    static final int MAX_BATCH = 100;
    private static final int ERROR_MAX = 1000;
    private static final Logger LOG = Logger.getLogger(RosterChangeDelivery.class);

    private final RosterChangeOutboxRepository outbox;
    private final RosterChangeClient client;
    private final UsersConfig.RosterChanges config;
    private final VertxContexts contexts;
    private final Clock clock;
    /** Who this replica is in a claim; settling only touches rows it still holds. */
    private final UUID claimer = UUID.randomUUID();
    private final Map<RosterDestination, Map<DeliveryStatus, AtomicLong>> undelivered = new EnumMap<>(RosterDestination.class);
    private final Map<RosterDestination, Timer> lag = new EnumMap<>(RosterDestination.class);

    RosterChangeDelivery(RosterChangeOutboxRepository outbox, RosterChangeClient client, UsersConfig config,
                         VertxContexts contexts, MeterRegistry metrics, Clock clock) {
        this.outbox = outbox;
        this.client = client;
        this.config = config.rosterChanges();
        this.contexts = contexts;
        this.clock = clock;
        for (RosterDestination destination : RosterDestination.values()) {
            Map<DeliveryStatus, AtomicLong> byStatus = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus status : List.of(DeliveryStatus.PENDING, DeliveryStatus.REJECTED)) {
                AtomicLong value = new AtomicLong();
                byStatus.put(status, value);
                Gauge.builder("users.roster.changes.undelivered", value, AtomicLong::get)
                        .description("Roster changes not delivered yet (PENDING) or refused (REJECTED), per destination")
                        .tag("destination", destination.name()).tag("status", status.name())
                        .register(metrics);
            }
            undelivered.put(destination, byStatus);
            lag.put(destination, Timer.builder("users.roster.change.delivery.lag")
                    .description("From a roster change to its delivery, per destination")
                    .tag("destination", destination.name())
                    // A few buckets around what matters (well under a minute), not a full histogram.
                    .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
                            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30))
                    .register(metrics));
        }
    }

    @Scheduled(identity = "roster-change-delivery", every = "${users.roster-changes.delivery-every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return contexts.onFreshContext(this::deliverDue)
                .onFailure().invoke(e -> LOG.warn("Roster change delivery run failed; the next run retries", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One run: claim, send, settle, then refresh the gauge. Answers how many changes were delivered. */
    public Uni<Integer> deliverDue() {
        Instant now = clock.instant();
        int batch = Math.max(1, Math.min(MAX_BATCH, config.batchSize()));
        Executor back = VertxContexts.current();
        // The claim commits before anything is sent: other replicas see it at once and skip these pairs.
        return Panache.withTransaction(() -> outbox.claimDue(now, now.plus(config.claimTtl()), claimer, config.pairsPerRun(), batch))
                .chain(claimed -> send(claimed, back))
                .call(this::refreshGauge);
    }

    private record Pair(UUID orgId, RosterDestination destination) {
    }

    /** How one request ended: delivered (failure null), to retry, or refused for good. */
    private record Attempt(Pair pair, List<RosterChangeOutbox> rows, Throwable failure) {
    }

    private Uni<Integer> send(List<RosterChangeOutbox> claimed, Executor back) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<Pair, List<RosterChangeOutbox>> byPair = claimed.stream()
                .sorted(Comparator.comparingLong(row -> row.sequence))
                .collect(Collectors.groupingBy(row -> new Pair(row.orgId, row.destination), LinkedHashMap::new, Collectors.toList()));
        return Multi.createFrom().iterable(byPair.entrySet())
                .onItem().transformToUni(pair -> client.send(pair.getKey().destination(), pair.getKey().orgId(), batchOf(pair.getValue()))
                        .map(ok -> new Attempt(pair.getKey(), pair.getValue(), null))
                        .onFailure().recoverWithItem(e -> new Attempt(pair.getKey(), pair.getValue(), e)))
                .merge(Math.max(1, config.concurrency()))
                .collect().asList()
                .emitOn(back)
                .chain(attempts -> Panache.withTransaction(() -> settle(attempts))
                        .replaceWith(() -> attempts.stream().filter(a -> a.failure() == null).mapToInt(a -> a.rows().size()).sum()));
    }

    private Uni<Void> settle(List<Attempt> attempts) {
        Instant now = clock.instant();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Attempt attempt : attempts) {
            List<UUID> ids = attempt.rows().stream().map(row -> row.id).toList();
            String destination = RosterChangeClient.destinationName(attempt.pair().destination());
            if (attempt.failure() == null) {
                chain = chain.chain(() -> outbox.markDelivered(ids, claimer, now)).invoke(() -> recordLag(attempt, now)).replaceWithVoid();
            } else if (attempt.failure() instanceof RosterChangeRejectedException rejected) {
                LOG.errorf("%s rejected %d roster changes of org %s (sequences %d-%d): %s; they stay REJECTED",
                        destination, ids.size(), attempt.pair().orgId(), first(attempt), last(attempt), rejected.getMessage());
                chain = chain.chain(() -> outbox.markRejected(ids, claimer, cut(destination + ": " + rejected.getMessage()),
                        "Refused by " + destination + ": HTTP " + rejected.status()
                                + (rejected.title() == null ? "" : " " + rejected.title()))).replaceWithVoid();
            } else {
                chain = chain.chain(() -> markFailed(attempt, destination, now));
            }
        }
        return chain;
    }

    private Uni<Void> markFailed(Attempt attempt, String destination, Instant now) {
        Throwable failure = attempt.failure();
        String publicError = failure instanceof DestinationUnavailableException unavailable && unavailable.status() != null
                ? destination + " answered HTTP " + unavailable.status() + "; retrying"
                : destination + " not reachable; retrying";
        int headAttempts = attempt.rows().get(0).attempts + 1;
        // One line per streak of failures, not one per retry: an outage would otherwise fill the log.
        if (headAttempts == 1 || headAttempts % 20 == 0) {
            LOG.warnf("Delivering %d roster changes of org %s to %s failed (attempt %d), retrying: %s",
                    attempt.rows().size(), attempt.pair().orgId(), destination, headAttempts, failure.toString());
        } else {
            LOG.debugf("Delivering roster changes of org %s to %s failed (attempt %d): %s",
                    attempt.pair().orgId(), destination, headAttempts, failure.toString());
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RosterChangeOutbox row : attempt.rows()) {
            int attempts = row.attempts + 1;
            chain = chain.chain(() -> outbox.markFailed(row.id, claimer, attempts, now.plus(backoff(attempts)),
                    cut(failure.toString()), publicError)).replaceWithVoid();
        }
        return chain;
    }

    private void recordLag(Attempt attempt, Instant now) {
        Timer timer = lag.get(attempt.pair().destination());
        for (RosterChangeOutbox row : attempt.rows()) {
            timer.record(Duration.between(row.occurredAt, now));
        }
    }

    Duration backoff(int attempts) {
        Duration delay = config.retryInitial().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return delay.compareTo(config.retryMax()) > 0 ? config.retryMax() : delay;
    }

    private Uni<Void> refreshGauge() {
        return Panache.withSession(outbox::countUndelivered).invoke(rows -> {
            Map<RosterDestination, Map<DeliveryStatus, Long>> counts = new EnumMap<>(RosterDestination.class);
            for (Object[] row : rows) {
                counts.computeIfAbsent((RosterDestination) row[0], d -> new EnumMap<>(DeliveryStatus.class))
                        .put((DeliveryStatus) row[1], (Long) row[2]);
            }
            undelivered.forEach((destination, byStatus) -> byStatus.forEach((status, value) ->
                    value.set(counts.getOrDefault(destination, Map.of()).getOrDefault(status, 0L))));
        }).replaceWithVoid();
    }

    private static RosterChangeBatch batchOf(List<RosterChangeOutbox> rows) {
        return new RosterChangeBatch(rows.stream().map(row -> new RosterChangeBatch.Change(row.changeId, row.sequence, row.userId,
                row.kind.name(), row.occurredAt, new RosterChangeBatch.UserState(row.userActive, row.userRole.name(), row.userSeat.name()),
                Arrays.asList(row.emails), Arrays.asList(row.aircallUserIds))).toList());
    }

    private static long first(Attempt attempt) {
        return attempt.rows().get(0).sequence;
    }

    private static long last(Attempt attempt) {
        return attempt.rows().get(attempt.rows().size() - 1).sequence;
    }

    private static String cut(String text) {
        return text.length() > ERROR_MAX ? text.substring(0, ERROR_MAX) : text;
    }
}
