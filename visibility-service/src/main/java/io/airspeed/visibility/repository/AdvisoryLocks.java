package io.airspeed.visibility.repository;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/** Transaction-scoped PostgreSQL advisory locks, for rows that may not exist yet. */
final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Waits for, then holds until commit or rollback, the lock named by {@code key}. */
    static Uni<Void> lock(Mutiny.Session session, String key) {
        // A volatile function in a sub-select is evaluated even though its (void) value is unused.
        // Run as a statement, not a typed select: Hibernate caches a plan per typed native select
        // under a key that never matches the next call's, so one per import would fill its cache.
        return session.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) l")
                .setParameter("key", key)
                .executeUpdate()
                .replaceWithVoid();
    }
}
