package io.airspeed.ingest.repository;

import io.airspeed.ingest.domain.DecisionHistoryEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class DecisionHistoryRepository implements PanacheRepository<DecisionHistoryEntry> {

    /** The histories of these calls of one org, each oldest first, in one query (a page of the decision log). */
    public Uni<Map<Long, List<DecisionHistoryEntry>>> ofCalls(UUID orgId, Collection<Long> aircallCallIds) {
        if (aircallCallIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("orgId = ?1 and aircallCallId in ?2 order by aircallCallId, decidedAt, id", orgId, aircallCallIds)
                .map(entries -> entries.stream().collect(Collectors.groupingBy(entry -> entry.aircallCallId,
                        Collectors.toList())));
    }
}
