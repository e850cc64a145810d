package io.airspeed.ingest.repository;

import io.airspeed.ingest.domain.CallDecision;
import io.airspeed.ingest.domain.CallDecisionId;
import io.airspeed.ingest.domain.DeliveryStatus;
import io.airspeed.ingest.rules.Outcome;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CallDecisionRepository implements PanacheRepositoryBase<CallDecision, CallDecisionId> {

    public Uni<List<CallDecision>> findByCallIds(UUID orgId, Collection<Long> aircallCallIds) {
        if (aircallCallIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("orgId = ?1 and aircallCallId in ?2", orgId, aircallCallIds);
    }

    /** Pending decisions of calls that started before {@code before}: the scan window no longer covers them. */
    public Uni<List<CallDecision>> pendingBefore(UUID orgId, Instant before, int limit) {
        return find("orgId = ?1 and outcome = ?2 and startedAt < ?3", Sort.by("startedAt"), orgId, Outcome.PENDING, before)
                .page(Page.ofSize(limit)).list();
    }

    public Uni<List<CallDecision>> deliveriesDue(Instant now, int limit) {
        return find("deliveryStatus = ?1 and nextDeliveryAt <= ?2", Sort.by("nextDeliveryAt"), DeliveryStatus.PENDING, now)
                .page(Page.ofSize(limit)).list();
    }

    public Uni<List<CallDecision>> deliveriesPendingOf(UUID orgId, int limit) {
        return find("orgId = ?1 and deliveryStatus = ?2", Sort.by("nextDeliveryAt"), orgId, DeliveryStatus.PENDING)
                .page(Page.ofSize(limit)).list();
    }

    public Uni<Long> countDeliveriesPending(UUID orgId) {
        return count("orgId = ?1 and deliveryStatus = ?2", orgId, DeliveryStatus.PENDING);
    }

    /** Decisions of calls by one Aircall user email (normalized) that started in [from, to]: the time + email diagnosis. */
    public Uni<List<CallDecision>> byEmailAround(UUID orgId, String normalizedEmail, Instant from, Instant to, int limit) {
        return find("orgId = ?1 and aircallUserEmailNormalized = ?2 and startedAt >= ?3 and startedAt <= ?4",
                Sort.by("startedAt"), orgId, normalizedEmail, from, to).page(Page.ofSize(limit)).list();
    }

    /** Decisions per UTC day of the call's start and outcome: rows of {day "YYYY-MM-DD", outcome, count}. */
    public Uni<List<Object[]>> countsPerDay(UUID orgId, Instant from, Instant to) {
        return getSession().chain(session -> session.createNativeQuery(
                        "select to_char(started_at at time zone 'UTC', 'YYYY-MM-DD'), outcome, count(*) from ingest.call_decisions"
                                + " where org_id = :org and started_at >= :from and started_at < :to group by 1, 2", Object[].class)
                .setParameter("org", orgId).setParameter("from", from).setParameter("to", to)
                .getResultList());
    }

    public Uni<List<CallDecision>> search(DecisionQuery query, int page, int size) {
        return find(query.where(), Sort.by("startedAt", Sort.Direction.Descending).and("aircallCallId", Sort.Direction.Descending),
                query.parameters()).page(Page.of(page, size)).list();
    }

    public Uni<Long> count(DecisionQuery query) {
        return count(query.where(), query.parameters());
    }

    /** The admin's filters on the decision log; the org always comes from the caller's token. */
    public record DecisionQuery(String where, Parameters parameters) {
    }
}
