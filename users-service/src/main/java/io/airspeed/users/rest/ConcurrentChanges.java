package io.airspeed.users.rest;

import io.vertx.sqlclient.DatabaseException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.sql.SQLException;

/**
 * Recognises a failure that means "another request changed the same thing at the same moment":
 * a version check that failed, a unique key that a concurrent insert took first, or a deadlock
 * PostgreSQL broke by aborting this transaction (it is the one to retry). Such a
 * request was right when it started; the answer is 409 (retry), not 500. Hibernate Reactive
 * hands these over wrapped (CompletionException, Hibernate's own exceptions around the
 * PostgreSQL error), so the whole cause chain is looked at.
 */
final class ConcurrentChanges {

    /** PostgreSQL's unique_violation, deadlock_detected and serialization_failure. */
    private static final java.util.Set<String> CONCURRENT_STATES = java.util.Set.of("23505", "40P01", "40001");

    private ConcurrentChanges() {
    }

    static boolean isConcurrentChange(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
            if (t instanceof org.hibernate.JDBCException jdbc && CONCURRENT_STATES.contains(jdbc.getSQLState())) {
                return true;
            }
            if (t instanceof SQLException sql && CONCURRENT_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (t instanceof DatabaseException database && CONCURRENT_STATES.contains(database.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
