package io.airspeed.users.service;

import io.airspeed.users.domain.DeliveryStatus;
import io.airspeed.users.domain.RosterChangeOutbox;
import io.airspeed.users.repository.RosterChangeOutboxRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The admin's view of the roster change feed: what was recorded, and where each change stands per destination. */
@ApplicationScoped
public class RosterChangeService {

    private final RosterChangeOutboxRepository outbox;

    RosterChangeService(RosterChangeOutboxRepository outbox) {
        this.outbox = outbox;
    }

    /** One change with its row per destination, in the order of {@link io.airspeed.users.domain.RosterDestination}. */
    public record RecordedChange(RosterChangeOutbox change, List<RosterChangeOutbox> destinations) {
    }

    /** An org's changes, newest first; with a status, those that have a destination in that status. */
    @WithSession
    public Uni<UserService.PageOf<RecordedChange>> page(UUID orgId, DeliveryStatus status, int page, int size) {
        return outbox.sequencesPage(orgId, status, page, size)
                .chain(sequences -> outbox.ofSequences(orgId, sequences))
                .map(RosterChangeService::grouped)
                .chain(items -> outbox.countChanges(orgId, status).map(total -> new UserService.PageOf<>(items, page, size, total)));
    }

    private static List<RecordedChange> grouped(List<RosterChangeOutbox> rows) {
        Map<UUID, List<RosterChangeOutbox>> byChange = rows.stream()
                .collect(Collectors.groupingBy(row -> row.changeId, LinkedHashMap::new, Collectors.toList()));
        return byChange.values().stream().map(of -> new RecordedChange(of.get(0), of)).toList();
    }
}
