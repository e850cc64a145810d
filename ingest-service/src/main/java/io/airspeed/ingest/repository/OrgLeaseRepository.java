package io.airspeed.ingest.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One run per org at a time, across every replica: a run holds the org's lease while it
 * renews it; a crashed run's lease expires and the next run takes over.
 */
@ApplicationScoped
public class OrgLeaseRepository {

    /** Takes the lease for {@code runId} unless another run holds an unexpired one; answers the holder. */
    public Uni<UUID> acquire(Mutiny.Session session, UUID orgId, UUID runId, Instant now, Duration ttl) {
        return session.createNativeQuery(
                        "insert into ingest.org_leases (org_id, run_id, expires_at) values (:org, :run, :expires)"
                                + " on conflict (org_id) do update set run_id = excluded.run_id, expires_at = excluded.expires_at"
                                + " where org_leases.expires_at < :now")
                .setParameter("org", orgId).setParameter("run", runId)
                .setParameter("expires", now.plus(ttl)).setParameter("now", now)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("select run_id from ingest.org_leases where org_id = :org", UUID.class)
                        .setParameter("org", orgId).getSingleResult());
    }

    /** Extends the lease; false when the run no longer holds it (it must then stop). */
    public Uni<Boolean> renew(Mutiny.Session session, UUID orgId, UUID runId, Instant now, Duration ttl) {
        return session.createNativeQuery("update ingest.org_leases set expires_at = :expires where org_id = :org and run_id = :run")
                .setParameter("expires", now.plus(ttl)).setParameter("org", orgId).setParameter("run", runId)
                .executeUpdate().map(updated -> updated == 1);
    }

    public Uni<Void> release(Mutiny.Session session, UUID orgId, UUID runId) {
        return session.createNativeQuery("delete from ingest.org_leases where org_id = :org and run_id = :run")
                .setParameter("org", orgId).setParameter("run", runId)
                .executeUpdate().replaceWithVoid();
    }
}
