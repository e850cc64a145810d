package io.airspeed.users.rest;

import io.vertx.sqlclient.DatabaseException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.sql.SQLException;

/**
 * Recognises a failure that means "another request changed the same thing at the same moment":
 * a version check that failed, or a unique key that a concurrent insert took first. Such a
 * request was right when it started; the answer is 409 (retry), not 500. Hibernate Reactive
 * hands these over wrapped (CompletionException, Hibernate's own exceptions around the
 * PostgreSQL error), so the whole cause chain is looked at.
 */
final class ConcurrentChanges {

    /** PostgreSQL's unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    private ConcurrentChanges() {
    }

    static boolean isConcurrentChange(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException violation
                    && UNIQUE_VIOLATION.equals(violation.getSQLState())) {
                return true;
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t instanceof DatabaseException database && UNIQUE_VIOLATION.equals(database.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
