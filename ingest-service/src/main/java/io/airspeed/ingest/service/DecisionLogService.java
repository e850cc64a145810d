package io.airspeed.ingest.service;

import io.airspeed.ingest.domain.CallDecision;
import io.airspeed.ingest.domain.DecisionHistoryEntry;
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.airspeed.ingest.repository.DecisionHistoryRepository;
import io.airspeed.ingest.repository.CallDecisionRepository.DecisionQuery;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.rules.Roster;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Searching the decision log of the caller's org. */
@ApplicationScoped
public class DecisionLogService {

    private final CallDecisionRepository decisions;
    private final DecisionHistoryRepository history;

    DecisionLogService(CallDecisionRepository decisions, DecisionHistoryRepository history) {
        this.decisions = decisions;
        this.history = history;
    }

    /** Any filter may be null. {@code reason} finds decisions having it among all their reasons. */
    public record Filters(Long aircallCallId, Outcome outcome, Reason reason, Instant from, Instant to, String email) {
    }

    /** {@code histories}: each item's history, oldest first, by Aircall call id. */
    public record PageOf(List<CallDecision> items, Map<Long, List<DecisionHistoryEntry>> histories, int page, int size,
                         long totalItems) {
    }

    /** The page's histories come from one query for the whole page, not one per decision. */
    @WithSession
    public Uni<PageOf> search(UUID orgId, Filters filters, int page, int size) {
        DecisionQuery query = query(orgId, filters);
        return decisions.search(query, page, size)
                .chain(items -> history.ofCalls(orgId, items.stream().map(d -> d.aircallCallId).toList())
                        .chain(histories -> decisions.count(query)
                                .map(total -> new PageOf(items, histories, page, size, total))));
    }

    private static DecisionQuery query(UUID orgId, Filters filters) {
        List<String> where = new ArrayList<>(List.of("orgId = :orgId"));
        Parameters parameters = Parameters.with("orgId", orgId);
        if (filters.aircallCallId() != null) {
            where.add("aircallCallId = :callId");
            parameters.and("callId", filters.aircallCallId());
        }
        if (filters.outcome() != null) {
            where.add("outcome = :outcome");
            parameters.and("outcome", filters.outcome());
        }
        if (filters.reason() != null) {
            // array_contains renders as "reasons @> array[:reason]": the GIN index on reasons answers it.
            where.add("array_contains(reasons, :reason)");
            parameters.and("reason", filters.reason().name());
        }
        if (filters.from() != null) {
            where.add("startedAt >= :from");
            parameters.and("from", filters.from());
        }
        if (filters.to() != null) {
            where.add("startedAt < :to");
            parameters.and("to", filters.to());
        }
        if (filters.email() != null && !filters.email().isBlank()) {
            where.add("aircallUserEmailNormalized = :email");
            parameters.and("email", Roster.normalize(filters.email()));
        }
        return new DecisionQuery(String.join(" and ", where), parameters);
    }
}
