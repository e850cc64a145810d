package io.airspeed.ingest.service;

import io.airspeed.ingest.domain.RosterChange;
import io.airspeed.ingest.domain.RosterChangeKind;
import io.airspeed.ingest.domain.UserRole;
import io.airspeed.ingest.repository.RosterChangeRepository;
import io.airspeed.ingest.rules.Roster;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
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
    private final UserAccessService access;

    RosterChangeService(RosterChangeRepository changes, UserAccessService access) {
        this.changes = changes;
        this.access = access;
    }

    /**
     * Stores the changes in one transaction (a change received before has no further effect), then
     * updates this replica's access view at once.
     */
    public Uni<Void> receive(UUID orgId, List<Received> received) {
        return Panache.withTransaction(() -> Multi.createFrom().iterable(received)
                        .onItem().transformToUniAndConcatenate(change -> store(orgId, change))
                        .collect().asList())
                .map(stored -> stored.stream().filter(Objects::nonNull).toList())
                .call(stored -> access.reloadUsers(orgId, stored.stream().map(change -> change.userId).distinct().toList()))
                .invoke(stored -> LOG.debugf("Org %s: %d of %d roster changes were new", orgId, stored.size(), received.size()))
                .replaceWithVoid();
    }

    /** The stored change, or null when one with its id was received before. */
    private Uni<RosterChange> store(UUID orgId, Received received) {
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
        change.replayNeeded = received.kind().canAlterDecisions();
        return changes.insertIfNew(change)
                .chain(isNew -> isNew ? changes.applyAccess(change).replaceWith(change) : Uni.createFrom().nullItem());
    }
}
