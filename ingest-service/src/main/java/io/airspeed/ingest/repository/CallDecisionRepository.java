package io.airspeed.ingest.repository;

import io.airspeed.ingest.domain.CallDecision;
import io.airspeed.ingest.domain.CallDecisionId;
import io.airspeed.ingest.domain.DeliveryStatus;
import io.airspeed.ingest.rules.Outcome;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

@ApplicationScoped
public class CallDecisionRepository implements PanacheRepositoryBase<CallDecision, CallDecisionId> {

    public Uni<List<CallDecision>> findByCallIds(UUID orgId, Collection<Long> aircallCallIds) {
        if (aircallCallIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("orgId = ?1 and aircallCallId in ?2", orgId, aircallCallIds);
    }

    /**
     * Pending decisions of calls that started before {@code before} (the scan window no longer
     * covers them), least recently decided first: with a bound per run, each gets its turn.
     */
    public Uni<List<CallDecision>> pendingBefore(UUID orgId, Instant before, int limit) {
        return find("orgId = ?1 and outcome = ?2 and startedAt < ?3", Sort.by("decidedAt").and("startedAt").and("aircallCallId"),
                orgId, Outcome.PENDING, before).page(Page.ofSize(limit)).list();
    }

    public Uni<Long> countPendingBefore(UUID orgId, Instant before) {
        return count("orgId = ?1 and outcome = ?2 and startedAt < ?3", orgId, Outcome.PENDING, before);
    }

    /**
     * Claims up to {@code limit} deliveries whose retry time has come, for this replica alone until
     * {@code claimUntil}: rows another replica is claiming at this moment are skipped, not waited
     * for, and rows it claimed before stay its own until its claim runs out.
     */
    public Uni<List<CallDecision>> claimDue(Instant now, Instant claimUntil, int limit) {
        return claim("delivery_status = 'PENDING' and next_delivery_at <= :now"
                        + " and (delivery_claimed_until is null or delivery_claimed_until < :now)"
                        + " order by next_delivery_at limit :limit",
                query -> query.setParameter("now", now).setParameter("limit", limit), claimUntil);
    }

    /** Claims an org's pending deliveries whatever their backoff (the end of its run), leaving others' claims alone. */
    public Uni<List<CallDecision>> claimPendingOf(UUID orgId, Instant now, Instant claimUntil, int limit) {
        return claim("org_id = :org and delivery_status = 'PENDING'"
                        + " and (delivery_claimed_until is null or delivery_claimed_until < :now)"
                        + " order by next_delivery_at limit :limit",
                query -> query.setParameter("org", orgId).setParameter("now", now).setParameter("limit", limit), claimUntil);
    }

    /** Claims these calls of one org if they still wait for delivery and nobody claims them. */
    public Uni<List<CallDecision>> claimCalls(UUID orgId, Collection<Long> aircallCallIds, Instant now, Instant claimUntil) {
        if (aircallCallIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return claim("org_id = :org and aircall_call_id in (:ids) and delivery_status = 'PENDING'"
                        + " and (delivery_claimed_until is null or delivery_claimed_until < :now)",
                query -> query.setParameter("org", orgId).setParameter("ids", aircallCallIds).setParameter("now", now),
                claimUntil);
    }

    /**
     * One statement: lock the candidates, skipping rows locked by a claim running elsewhere, and
     * stamp them claimed. Concurrent drainers thus split a backlog instead of all sending it.
     */
    private Uni<List<CallDecision>> claim(String candidates, UnaryOperator<Mutiny.SelectionQuery<CallDecision>> bind,
                                          Instant claimUntil) {
        return getSession().chain(session -> bind.apply(session.createNativeQuery(
                        "update ingest.call_decisions c set delivery_claimed_until = :until"
                                + " from (select org_id, aircall_call_id from ingest.call_decisions where " + candidates
                                + " for update skip locked) due"
                                + " where c.org_id = due.org_id and c.aircall_call_id = due.aircall_call_id"
                                + " returning c.*", CallDecision.class)
                .setParameter("until", claimUntil))
                .getResultList());
    }

    /** The reasons a roster change can remove: rules 1 (email) and 2 (seat, active). */
    private static final String[] ROSTER_REASONS = {"SKIPPED_EMAIL_NOT_MATCHED", "SKIPPED_NO_RECORDING_SEAT"};

    /**
     * Skipped for a roster reason and touched by any of the keys: answered by indexes (see V6). Both
     * the replay's work set and the check whether a change needs a replay at all start from it.
     */
    private static final String TOUCHED_BY_KEYS = " where d.org_id = :org and d.outcome = 'SKIPPED'"
                                + " and d.reasons && cast(:rosterReasons as text[])"
                                + " and (d.aircall_user_email_normalized = any(cast(:emails as text[]))"
                                + "   or d.aircall_user_id = any(cast(:aircallIds as bigint[]))"
                                + "   or d.owner_user_id = any(cast(:users as uuid[]))"
                                + "   or d.participant_user_ids && cast(:users as uuid[]))";

    /** See {@link #replayable}; its plan is pinned by a test (an index lookup, never a scan of the org's log). */
    static final String REPLAYABLE = "select d.* from ingest.call_decisions d" + TOUCHED_BY_KEYS
                                + " and exists (select 1 from ingest.replay_changes mine"
                                + "   join ingest.roster_changes c on c.id = mine.change_id"
                                + "   where mine.run_id = :run"
                                + "   and (d.aircall_user_email_normalized = any(c.emails) or d.aircall_user_id = any(c.aircall_user_ids)"
                                + "     or d.owner_user_id = c.user_id or c.user_id = any(d.participant_user_ids))"
                                + "   and not exists (select 1 from ingest.replay_changes done"
                                + "     where done.change_id = c.id and done.run_id = d.run_id))"
                                + " order by d.aircall_user_id nulls last, d.started_at, d.aircall_call_id";

    /**
     * The decisions a replay re-decides: skipped (never imported, never pending) for a rule the roster
     * decides (1 or 2), and matching one of the replay's changes by the Aircall user on the call, its
     * email, or the Airspeed user it matched, unless a replay of that same change already re-decided
     * it (its run is one the change was attached to), which makes an interrupted replay's successor
     * resume where it stopped. The first condition on the keys of all the changes together is
     * answered by indexes (see V6); the per-change condition then only sorts the few rows found.
     */
    public Uni<List<CallDecision>> replayable(UUID orgId, UUID replayRunId, String[] emails, Long[] aircallUserIds,
                                              UUID[] userIds) {
        return getSession().chain(session -> session.createNativeQuery(REPLAYABLE, CallDecision.class)
                .setParameter("org", orgId).setParameter("run", replayRunId)
                .setParameter("rosterReasons", ROSTER_REASONS)
                .setParameter("emails", emails).setParameter("aircallIds", aircallUserIds).setParameter("users", userIds)
                .getResultList());
    }

    /**
     * Whether the org has a decision a change with these keys could alter: {@link #TOUCHED_BY_KEYS}
     * as an existence check.
     */
    public Uni<Boolean> anyReplayable(UUID orgId, String[] emails, Long[] aircallUserIds, UUID[] userIds) {
        return getSession().chain(session -> session.createNativeQuery(
                        "select exists (select 1 from ingest.call_decisions d" + TOUCHED_BY_KEYS + ")", Boolean.class)
                .setParameter("org", orgId)
                .setParameter("rosterReasons", ROSTER_REASONS)
                .setParameter("emails", emails).setParameter("aircallIds", aircallUserIds).setParameter("users", userIds)
                .getSingleResult());
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

    /** Counts deliveries visibility-service refused against the runs whose decisions they were. */
    public Uni<Void> countDeadLettered(UUID runId, int deliveries) {
        return getSession().chain(session -> session.createNativeQuery(
                        "update ingest.ingestion_runs set delivery_dead_lettered = delivery_dead_lettered + :n where id = :run")
                .setParameter("n", deliveries).setParameter("run", runId)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Lets the rest of the caller's transaction read the decision log in index order only: see
     * {@link DecisionLogQuery#INDEX_ORDER_ONLY}.
     */
    public Uni<Void> readLogInIndexOrderOnly() {
        return getSession().chain(session -> session.createNativeQuery(DecisionLogQuery.INDEX_ORDER_ONLY, Object[].class)
                .getSingleResult()).replaceWithVoid();
    }

    /** The decisions of one page of the decision log, in list order. */
    public Uni<List<CallDecision>> page(DecisionLogQuery query) {
        return getSession().chain(session -> bind(session.createNativeQuery(query.sql(), CallDecision.class), query)
                .getResultList());
    }

    /** The decision log's bounded total: see {@link DecisionLogQuery#boundedTotal}. */
    public Uni<Long> boundedTotal(DecisionLogQuery query) {
        return getSession().chain(session -> bind(session.createNativeQuery(query.sql(), Long.class), query)
                .getSingleResult());
    }

    private static <T> Mutiny.SelectionQuery<T> bind(Mutiny.SelectionQuery<T> selection, DecisionLogQuery query) {
        query.parameters().forEach(selection::setParameter);
        return selection;
    }
}
