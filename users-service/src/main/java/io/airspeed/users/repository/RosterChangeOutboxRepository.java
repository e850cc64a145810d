package io.airspeed.users.repository;

import io.airspeed.users.domain.DeliveryStatus;
import io.airspeed.users.domain.RosterChangeOutbox;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class RosterChangeOutboxRepository implements PanacheRepositoryBase<RosterChangeOutbox, UUID> {

    /**
     * The org's next change sequence. The counter row stays locked until the transaction ends, so
     * two concurrent changes of one org queue here and commit in the order of their sequences.
     */
    public Uni<Long> nextSequence(UUID orgId) {
        return getSession().chain(session -> session.createNativeQuery(
                        "insert into users.roster_change_sequences as s (org_id, last_sequence) values (:org, 1)"
                                + " on conflict (org_id) do update set last_sequence = s.last_sequence + 1"
                                + " returning s.last_sequence", Long.class)
                .setParameter("org", orgId)
                .getSingleResult());
    }

    /**
     * Claims, for {@code claimer} until {@code claimUntil}, the next batch of up to {@code batch}
     * pending changes in sequence order of up to {@code groups} (org, destination) pairs whose
     * oldest pending change is due and unclaimed. The oldest pending change of a pair is its
     * token: it is locked with SKIP LOCKED, so two replicas never claim the same pair at once,
     * and no later change of a pair is claimed while an earlier one is someone else's — a pair is
     * sent in sequence order, and a destination that is down holds back only its own pairs.
     */
    public Uni<List<RosterChangeOutbox>> claimDue(Instant now, Instant claimUntil, UUID claimer, int groups, int batch) {
        return getSession().chain(session -> session.createNativeQuery(
                        "with heads as ("
                                + " select h.org_id, h.destination from users.roster_change_outbox h"
                                + " where h.status = 'PENDING' and h.next_attempt_at <= :now"
                                + " and (h.claimed_until is null or h.claimed_until < :now)"
                                + " and not exists (select 1 from users.roster_change_outbox e where e.org_id = h.org_id"
                                + " and e.destination = h.destination and e.status = 'PENDING' and e.sequence < h.sequence)"
                                + " order by h.next_attempt_at limit :groups"
                                + " for update of h skip locked),"
                                + " due as (select b.id from heads cross join lateral ("
                                + " select o.id from users.roster_change_outbox o where o.org_id = heads.org_id"
                                + " and o.destination = heads.destination and o.status = 'PENDING'"
                                + " order by o.sequence limit :batch) b)"
                                + " update users.roster_change_outbox u set claimed_by = :claimer, claimed_until = :until"
                                + " from due where u.id = due.id returning u.*", RosterChangeOutbox.class)
                .setParameter("now", now)
                .setParameter("until", claimUntil)
                .setParameter("claimer", claimer)
                .setParameter("groups", groups)
                .setParameter("batch", batch)
                .getResultList());
    }

    public Uni<Integer> markDelivered(Collection<UUID> ids, UUID claimer, Instant now) {
        return update("status = ?1, deliveredAt = ?2, attempts = attempts + 1, lastError = null, lastPublicError = null,"
                        + " claimedBy = null, claimedUntil = null where id in ?3 and claimedBy = ?4 and status = ?5",
                DeliveryStatus.DELIVERED, now, ids, claimer, DeliveryStatus.PENDING);
    }

    /** Stays pending; tried again at {@code nextAttemptAt}. */
    public Uni<Integer> markFailed(UUID id, UUID claimer, int attempts, Instant nextAttemptAt, String error, String publicError) {
        return update("attempts = ?1, nextAttemptAt = ?2, lastError = ?3, lastPublicError = ?4, claimedBy = null,"
                        + " claimedUntil = null where id = ?5 and claimedBy = ?6 and status = ?7",
                attempts, nextAttemptAt, error, publicError, id, claimer, DeliveryStatus.PENDING);
    }

    public Uni<Integer> markRejected(Collection<UUID> ids, UUID claimer, String error, String publicError) {
        return update("status = ?1, attempts = attempts + 1, lastError = ?2, lastPublicError = ?3, claimedBy = null,"
                        + " claimedUntil = null where id in ?4 and claimedBy = ?5 and status = ?6",
                DeliveryStatus.REJECTED, error, publicError, ids, claimer, DeliveryStatus.PENDING);
    }

    /** Rows of {destination, status, count} for every change not delivered yet. */
    public Uni<List<Object[]>> countUndelivered() {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select o.destination, o.status, count(o) from RosterChangeOutbox o where o.status <> :delivered"
                                + " group by o.destination, o.status", Object[].class)
                .setParameter("delivered", DeliveryStatus.DELIVERED)
                .getResultList());
    }

    /** A page of an org's change sequences, newest first; with a status, those with a destination in it. */
    public Uni<List<Long>> sequencesPage(UUID orgId, DeliveryStatus status, int page, int size) {
        return getSession().chain(session -> {
            var query = session.createSelectionQuery("select distinct o.sequence from RosterChangeOutbox o where o.orgId = :org"
                    + (status == null ? "" : " and o.status = :status") + " order by o.sequence desc", Long.class)
                    .setParameter("org", orgId);
            if (status != null) {
                query.setParameter("status", status);
            }
            return query.setFirstResult(page * size).setMaxResults(size).getResultList();
        });
    }

    public Uni<Long> countChanges(UUID orgId, DeliveryStatus status) {
        return getSession().chain(session -> {
            var query = session.createSelectionQuery("select count(distinct o.sequence) from RosterChangeOutbox o"
                    + " where o.orgId = :org" + (status == null ? "" : " and o.status = :status"), Long.class)
                    .setParameter("org", orgId);
            if (status != null) {
                query.setParameter("status", status);
            }
            return query.getSingleResult();
        });
    }

    public Uni<List<RosterChangeOutbox>> ofSequences(UUID orgId, Collection<Long> sequences) {
        if (sequences.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("orgId = ?1 and sequence in ?2 order by sequence desc, destination", orgId, sequences);
    }
}
