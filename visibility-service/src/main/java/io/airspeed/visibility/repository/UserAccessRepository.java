package io.airspeed.visibility.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code user_access} and {@code roster_changes_received}: plain SQL, since both writes are
 * PostgreSQL upserts whose row counts say what happened.
 */
@ApplicationScoped
public class UserAccessRepository {

    /** Notes a change as received; false when it had been received before. */
    public Uni<Boolean> markReceived(UUID orgId, UUID changeId, UUID userId, long sequence, String kind, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into visibility.roster_changes_received (org_id, change_id, user_id, sequence, kind, received_at)"
                                + " values (:org, :change, :user, :sequence, :kind, :now) on conflict do nothing")
                .setParameter("org", orgId).setParameter("change", changeId).setParameter("user", userId)
                .setParameter("sequence", sequence).setParameter("kind", kind).setParameter("now", now)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Takes the user's state from this change unless a change with a higher sequence was applied; true when taken. */
    public Uni<Boolean> apply(UUID orgId, UUID userId, boolean active, String role, long sequence, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into visibility.user_access as a (org_id, user_id, active, role, sequence, updated_at)"
                                + " values (:org, :user, :active, :role, :sequence, :now)"
                                + " on conflict (org_id, user_id) do update set active = excluded.active, role = excluded.role,"
                                + " sequence = excluded.sequence, updated_at = excluded.updated_at"
                                + " where a.sequence < excluded.sequence")
                .setParameter("org", orgId).setParameter("user", userId).setParameter("active", active)
                .setParameter("role", role).setParameter("sequence", sequence).setParameter("now", now)
                .executeUpdate())
                .map(updated -> updated == 1);
    }

    /** Rows of {org id, user id, active, role} of every user whose tokens are restricted: inactive or not an admin. */
    public Uni<List<Object[]>> restricted() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select org_id, user_id, active, role from visibility.user_access where active = false or role <> 'ADMIN'",
                        Object[].class)
                .getResultList());
    }
}
