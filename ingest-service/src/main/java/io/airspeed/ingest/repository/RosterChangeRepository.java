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

    /** The changes attached to a replay. */
    public Uni<List<RosterChange>> ofReplay(UUID replayRunId) {
        return getSession().chain(session -> session.createNativeQuery("select c.* from ingest.roster_changes c"
                        + " join ingest.replay_changes rc on rc.change_id = c.id where rc.run_id = :run", RosterChange.class)
                .setParameter("run", replayRunId).getResultList());
    }

    /** The replay re-decided what its changes affect: they wait for no other. Inside the replay's fenced commit. */
    public Uni<Integer> markReplayed(UUID replayRunId, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("update ingest.roster_changes set replayed_at = :now"
                        + " where replayed_at is null and id in (select change_id from ingest.replay_changes where run_id = :run)")
                .setParameter("now", now).setParameter("run", replayRunId).executeUpdate());
    }

    /**
     * Changes that wait for a replay and have none coming, {org_id, id}, oldest first: none queued,
     * none running with a live lease (a replica that died leaves its lease to expire), none that
     * failed after {@code failedAfter} (a failure is retried, not hammered), and an integration
     * connected to read Aircall with.
     */
    public Uni<List<Object[]>> waitingForReplay(Instant failedAfter, int limit) {
        return getSession().chain(session -> session.createNativeQuery(
                        "select c.org_id, c.id from ingest.roster_changes c"
                                + " join ingest.integrations i on i.org_id = c.org_id and i.status = 'CONNECTED'"
                                + " where c.replay_needed and c.replayed_at is null"
                                + " and not exists (select 1 from ingest.replay_changes rc join ingest.ingestion_runs r on r.id = rc.run_id"
                                + "   where rc.change_id = c.id and (r.status = 'QUEUED'"
                                + "     or (r.status = 'RUNNING' and exists (select 1 from ingest.org_leases l where l.run_id = r.id"
                                + "       and l.expires_at > clock_timestamp()))"
                                + "     or (r.status = 'FAILED' and r.finished_at > :failedAfter)))"
                                + " order by c.received_at limit :limit", Object[].class)
                .setParameter("failedAfter", failedAfter).setParameter("limit", limit).getResultList());
    }

    /** What caused each replay: {run_id, kinds "A,B", user ids "u,v", change count}. */
    public Uni<List<Object[]>> causesOf(Collection<UUID> replayRunIds) {
        if (replayRunIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().chain(session -> session.createNativeQuery(
                        "select rc.run_id, string_agg(distinct c.kind, ','), string_agg(distinct c.user_id::text, ','), count(*)"
                                + " from ingest.replay_changes rc join ingest.roster_changes c on c.id = rc.change_id"
                                + " where rc.run_id in (:runs) group by rc.run_id", Object[].class)
                .setParameter("runs", replayRunIds).getResultList());
    }
}
