package io.airspeed.ingest.repository;

import io.airspeed.ingest.domain.RosterChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Received roster changes, and the per-user access state they set ({@code user_access}). */
@ApplicationScoped
public class RosterChangeRepository implements PanacheRepositoryBase<RosterChange, UUID> {

    /**
     * Stores the change unless one with its id was received before; true when it is new. Must run
     * inside a transaction.
     */
    public Uni<Boolean> insertIfNew(RosterChange change) {
        return getSession().chain(session -> session.createNativeQuery(
                        "insert into ingest.roster_changes (id, org_id, sequence, user_id, kind, occurred_at, user_active, user_role,"
                                + " user_seat, emails, aircall_user_ids, received_at, replay_needed)"
                                + " values (:id, :org, :sequence, :user, :kind, :occurred, :active, :role, :seat,"
                                + " cast(:emails as text[]), cast(:aircallIds as bigint[]), clock_timestamp(), :replay)"
                                + " on conflict (id) do nothing")
                .setParameter("id", change.id).setParameter("org", change.orgId).setParameter("sequence", change.sequence)
                .setParameter("user", change.userId).setParameter("kind", change.kind.name())
                .setParameter("occurred", change.occurredAt).setParameter("active", change.userActive)
                .setParameter("role", change.userRole.name()).setParameter("seat", change.userSeat)
                .setParameter("emails", change.emails).setParameter("aircallIds", change.aircallUserIds)
                .setParameter("replay", change.replayNeeded)
                .executeUpdate()).map(inserted -> inserted == 1);
    }

    /**
     * Applies the change's access state only when its sequence is higher than the one held for the
     * user: a late retry of an older change never brings an older state back.
     */
    public Uni<Void> applyAccess(RosterChange change) {
        return getSession().chain(session -> session.createNativeQuery(
                        "insert into ingest.user_access (org_id, user_id, active, role, sequence, updated_at)"
                                + " values (:org, :user, :active, :role, :sequence, clock_timestamp())"
                                + " on conflict (org_id, user_id) do update set active = excluded.active, role = excluded.role,"
                                + " sequence = excluded.sequence, updated_at = excluded.updated_at"
                                + " where user_access.sequence < excluded.sequence")
                .setParameter("org", change.orgId).setParameter("user", change.userId)
                .setParameter("active", change.userActive).setParameter("role", change.userRole.name())
                .setParameter("sequence", change.sequence)
                .executeUpdate()).replaceWithVoid();
    }

    /** Access state rows: {org_id, user_id, active, role}. */
    public Uni<List<Object[]>> accessOf(UUID orgId, Collection<UUID> userIds) {
        return getSession().chain(session -> session.createNativeQuery(
                        "select org_id, user_id, active, role from ingest.user_access where org_id = :org and user_id in (:users)",
                        Object[].class)
                .setParameter("org", orgId).setParameter("users", userIds).getResultList());
    }

    /** Access state rows stamped at or after {@code since} (every row when null): {org_id, user_id, active, role}. */
    public Uni<List<Object[]>> accessChangedSince(Instant since) {
        String where = since == null ? "" : " where updated_at >= :since";
        return getSession().chain(session -> {
            var query = session.createNativeQuery("select org_id, user_id, active, role from ingest.user_access" + where,
                    Object[].class);
            if (since != null) {
                query.setParameter("since", since);
            }
            return query.getResultList();
        });
    }

    /** The database's clock: where the next incremental reload starts when nothing changed. */
    public Uni<Instant> databaseNow() {
        return getSession().chain(session -> session.createNativeQuery("select clock_timestamp()", Instant.class)
                .getSingleResult());
    }
}
