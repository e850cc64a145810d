package io.airspeed.ingest.service;

import io.vertx.sqlclient.DatabaseException;
import org.hibernate.JDBCException;

import java.sql.SQLException;
import java.util.Set;

/**
 * PostgreSQL's SQLSTATE of a failure, looked for along the whole cause chain: Hibernate Reactive
 * hands errors over wrapped (CompletionException, Hibernate's own exceptions around the client's).
 */
public final class SqlStates {

    /** deadlock_detected and serialization_failure: PostgreSQL aborted this transaction to let another through. */
    public static final Set<String> LOCK_CYCLE = Set.of("40P01", "40001");

    private SqlStates() {
    }

    public static boolean any(Throwable failure, Set<String> states) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof DatabaseException database ? database.getSqlState()
                    : t instanceof JDBCException jdbc ? jdbc.getSQLState()
                    : t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && states.contains(state)) {
                return true;
            }
        }
        return false;
    }
}
