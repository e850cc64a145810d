package io.airspeed.users.service;

import io.airspeed.users.domain.RosterChangeKind;
import io.airspeed.users.domain.RosterChangeOutbox;
import io.airspeed.users.domain.RosterDestination;
import io.airspeed.users.domain.User;
import io.airspeed.users.repository.RosterChangeOutboxRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Writes roster changes into the outbox. Called inside the transaction of the change itself, so a
 * change is recorded exactly when it commits: a write that fails (validation, conflict, rollback)
 * records nothing, and one that commits cannot be lost before it is delivered.
 */
@ApplicationScoped
public class RosterChangeRecorder {

    private final RosterChangeOutboxRepository outbox;
    private final Clock clock;

    RosterChangeRecorder(RosterChangeOutboxRepository outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Records one change per kind, in the order given, each with the user's state as it is now and
     * what the change touches (the user's normalized emails and Aircall user ids, before ∪ after).
     */
    public Uni<Void> record(User user, List<RosterChangeKind> kinds, Collection<String> emails, Collection<Long> aircallUserIds) {
        if (kinds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> touchedEmails = List.copyOf(new LinkedHashSet<>(emails));
        List<Long> touchedIds = List.copyOf(new LinkedHashSet<>(aircallUserIds));
        // The user's own write first: the outbox rows refer to it, and its version check must pass first.
        Uni<Void> chain = Panache.getSession().chain(session -> session.flush());
        for (RosterChangeKind kind : kinds) {
            chain = chain.chain(() -> outbox.nextSequence(user.orgId))
                    .chain(sequence -> persist(user, kind, sequence, touchedEmails, touchedIds));
        }
        return chain;
    }

    private Uni<Void> persist(User user, RosterChangeKind kind, long sequence, List<String> emails, List<Long> aircallUserIds) {
        UUID changeId = UUID.randomUUID();
        Instant now = clock.instant();
        List<RosterChangeOutbox> rows = new ArrayList<>();
        for (RosterDestination destination : RosterDestination.values()) {
            rows.add(RosterChangeOutbox.of(changeId, sequence, destination, kind, user, emails, aircallUserIds, now));
        }
        return outbox.persist(rows);
    }
}
