package io.airspeed.ingest.rest;

import io.airspeed.ingest.service.SqlStates;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.util.Set;

/**
 * Recognises a failure that means "another request changed the same thing at the same moment":
 * a version check that failed, a unique key that a concurrent insert took first, or a deadlock
 * PostgreSQL broke by aborting this transaction (it is the one to retry). Such a
 * request was right when it started; the answer is 409 (retry), not 500. Hibernate Reactive
 * hands these over wrapped (CompletionException, Hibernate's own exceptions around the
 * PostgreSQL error), so the whole cause chain is looked at.
 */
final class ConcurrentChanges {

    /** PostgreSQL's unique_violation, and the lock cycles it breaks by aborting one transaction. */
    private static final Set<String> CONCURRENT_STATES = Set.of("23505", "40P01", "40001");

    private ConcurrentChanges() {
    }

    static boolean isConcurrentChange(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return SqlStates.any(failure, CONCURRENT_STATES);
    }
}
