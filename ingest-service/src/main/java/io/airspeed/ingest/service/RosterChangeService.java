package io.airspeed.ingest.service;

import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.RosterChange;
import io.airspeed.ingest.domain.RosterChangeKind;
import io.airspeed.ingest.domain.UserRole;
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.RosterChangeRepository;
import io.airspeed.ingest.rules.Roster;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Receives users-service's roster changes: each is stored once (by its id), sets the user's access
 * state when it is newer than the one held, and (when it can alter a decision) waits for a replay.
 */
@ApplicationScoped
public class RosterChangeService {

    private static final Logger LOG = Logger.getLogger(RosterChangeService.class);

    /** One change as the contract describes it; {@code active}, {@code role}, {@code seat}: the state after it. */
    public record Received(UUID id, long sequence, UUID userId, RosterChangeKind kind, Instant occurredAt, boolean active,
                           UserRole role, String seat, List<String> emails, List<Long> aircallUserIds) {
    }

    private final RosterChangeRepository changes;
    private final CallDecisionRepository decisions;
    private final IngestionRunRepository runs;
    private final UserAccessService access;
    private final RunLauncher launcher;
    private final VertxContexts contexts;
    private final IngestConfig config;
    private final Clock clock;

    RosterChangeService(RosterChangeRepository changes, CallDecisionRepository decisions, IngestionRunRepository runs,
                        UserAccessService access, RunLauncher launcher, VertxContexts contexts, IngestConfig config,
                        Clock clock) {
        this.changes = changes;
        this.decisions = decisions;
        this.runs = runs;
        this.access = access;
        this.launcher = launcher;
        this.contexts = contexts;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Stores the changes in one transaction (a change received before has no further effect), then
     * updates this replica's access view at once and queues a replay of the new changes that can
     * alter decisions. Once stored, a change is never lost: if the replay cannot be queued now (the
     * integration is disconnected, the database hiccups), the sweep queues it later.
     */
    public Uni<Void> receive(UUID orgId, List<Received> received) {
        return Panache.withTransaction(() -> runs.hasRunGoing(orgId).chain(runGoing -> Multi.createFrom().iterable(received)
                        .onItem().transformToUniAndConcatenate(change -> store(orgId, change, runGoing))
                        .collect().asList()))
                .map(stored -> stored.stream().filter(Objects::nonNull).toList())
                .call(stored -> access.reloadUsers(orgId, stored.stream().map(change -> change.userId).distinct().toList()))
                .invoke(stored -> LOG.debugf("Org %s: %d of %d roster changes were new", orgId, stored.size(), received.size()))
                .call(stored -> replay(orgId, stored.stream().filter(change -> change.replayNeeded).map(change -> change.id).toList()))
                .replaceWithVoid();
    }

    private Uni<Void> replay(UUID orgId, List<UUID> changeIds) {
        return launcher.replay(orgId, "roster-change", changeIds).replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf(failure, "Could not queue a replay for org %s now; the sweep will", orgId))
                .onFailure().recoverWithNull();
    }

    /**
     * Changes that wait for a replay and have none coming (their replay failed or died with its
     * replica, or they arrived while the integration was disconnected) get one queued, per org.
     */
    @Scheduled(identity = "replay-sweep", every = "${ingest.replay.sweep-every:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return contexts.onFreshContext(() -> Panache.withSession(() ->
                                changes.waitingForReplay(clock.instant().minus(config.replay().retryAfter()), 1000))
                        .chain(rows -> {
                            Map<UUID, List<UUID>> byOrg = new LinkedHashMap<>();
                            rows.forEach(row -> byOrg.computeIfAbsent((UUID) row[0], org -> new ArrayList<>()).add((UUID) row[1]));
                            return Multi.createFrom().iterable(byOrg.entrySet())
                                    .onItem().transformToUniAndConcatenate(org -> replay(org.getKey(), org.getValue()))
                                    .collect().last().replaceWithVoid();
                        }))
                .onFailure().invoke(failure -> LOG.warn("Sweeping roster changes that wait for a replay failed", failure))
                .onFailure().recoverWithNull();
    }

    /** The stored change, or null when one with its id was received before. */
    private Uni<RosterChange> store(UUID orgId, Received received, boolean runGoing) {
        RosterChange change = new RosterChange();
        change.id = received.id();
        change.orgId = orgId;
        change.sequence = received.sequence();
        change.userId = received.userId();
        change.kind = received.kind();
        change.occurredAt = received.occurredAt();
        change.userActive = received.active();
        change.userRole = received.role();
        change.userSeat = received.seat();
        change.emails = received.emails().stream().map(Roster::normalize).filter(email -> !email.isEmpty()).distinct()
                .toArray(String[]::new);
        change.aircallUserIds = received.aircallUserIds().stream().distinct().toArray(Long[]::new);
        return replayNeeded(orgId, change, runGoing).invoke(needed -> change.replayNeeded = needed)
                .chain(() -> changes.insertIfNew(change))
                .chain(isNew -> isNew ? changes.applyAccess(change).replaceWith(change) : Uni.createFrom().nullItem());
    }

    /**
     * A change needs a replay when it touches a decision skipped for a roster reason, or when a run
     * of the org is queued or running: that run may have read the roster before the change and
     * commit its decisions after this check, and the replay, which runs after it, catches them. With
     * neither, every later run reads the roster with the change in it (users-service sends a change
     * once it is committed), so a replay would only re-read nothing — and a new org's first users,
     * each a change, would otherwise queue replays that hold the org's run slot for nothing.
     * {@code runGoing} is asked once per received batch, in its transaction.
     */
    private Uni<Boolean> replayNeeded(UUID orgId, RosterChange change, boolean runGoing) {
        if (!change.kind.canAlterDecisions()) {
            return Uni.createFrom().item(false);
        }
        if (runGoing) {
            return Uni.createFrom().item(true);
        }
        return decisions.anyReplayable(orgId, change.emails, change.aircallUserIds, new UUID[]{change.userId});
    }
}
