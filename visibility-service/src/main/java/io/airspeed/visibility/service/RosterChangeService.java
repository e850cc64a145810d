package io.airspeed.visibility.service;

import io.airspeed.visibility.repository.UserAccessRepository;
import io.airspeed.visibility.security.AccessView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Applies roster changes from users-service to {@code user_access}: idempotent by change id, and
 * per user only a change newer (higher sequence) than the one applied counts. After the commit,
 * this replica's access view takes the applied changes at once.
 */
@ApplicationScoped
public class RosterChangeService {

    private final UserAccessRepository access;
    private final AccessView view;
    private final Clock clock;

    RosterChangeService(UserAccessRepository access, AccessView view, Clock clock) {
        this.access = access;
        this.view = view;
        this.clock = clock;
    }

    /** What a receiver needs of a change: who, the state after it, and its place in the org's order. */
    public record ReceivedChange(UUID id, long sequence, UUID userId, String kind, boolean active, String role) {
    }

    /** Answers the changes that were applied (new, and newer than what was held for their user). */
    public Uni<List<ReceivedChange>> receive(UUID orgId, List<ReceivedChange> changes) {
        List<ReceivedChange> inOrder = changes.stream().sorted(Comparator.comparingLong(ReceivedChange::sequence)).toList();
        return Panache.withTransaction(() -> applyAll(orgId, inOrder))
                .invoke(applied -> applied.forEach(change -> view.apply(orgId, change.userId(), change.active(),
                        "ADMIN".equals(change.role()))));
    }

    private Uni<List<ReceivedChange>> applyAll(UUID orgId, List<ReceivedChange> changes) {
        Instant now = clock.instant();
        List<ReceivedChange> applied = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ReceivedChange change : changes) {
            chain = chain.chain(() -> access.markReceived(orgId, change.id(), change.userId(), change.sequence(), change.kind(), now))
                    .chain(isNew -> isNew
                            ? access.apply(orgId, change.userId(), change.active(), change.role(), change.sequence(), now)
                            : Uni.createFrom().item(false))
                    .invoke(taken -> {
                        if (taken) {
                            applied.add(change);
                        }
                    })
                    .replaceWithVoid();
        }
        return chain.replaceWith(applied);
    }
}
