package io.airspeed.ingest.service;

import io.airspeed.cursors.InvalidCursorException;
import io.airspeed.cursors.ListCursor;
import io.airspeed.ingest.domain.DecisionFilter;
import io.airspeed.ingest.repository.DecisionLogQuery;
import io.airspeed.ingest.repository.DecisionLogQuery.After;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The decision log's cursor: the last row of a page (its start as epoch microseconds, which is
 * PostgreSQL's precision, and its Aircall call id) and the total the first page counted, so later
 * pages count nothing. It is bound to the org, the admin and the filters it was issued for: any
 * other list refuses it as bad input (400 naming {@code cursor}).
 */
final class DecisionLogCursor {

    static final String FIELD = "cursor";

    /** Bytes of the position: started at (long), call id (long), total value (int), total exact (byte). */
    private static final int POSITION_BYTES = Long.BYTES + Long.BYTES + Integer.BYTES + 1;

    record Position(After after, DecisionLogService.Total total) {
    }

    private DecisionLogCursor() {
    }

    static String scope(UUID orgId, UUID userId, DecisionFilter filter) {
        return "decisions|" + orgId + "|" + userId + "|" + filter.canonical();
    }

    static String encode(String scope, After after, DecisionLogService.Total total) {
        return ListCursor.encode(scope, POSITION_BYTES, position -> position
                .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, after.startedAt()))
                .putLong(after.aircallCallId())
                .putInt((int) total.value())
                .put((byte) (total.exact() ? 1 : 0)));
    }

    /** @throws InvalidFieldException naming {@code cursor} when it is not a cursor of this scope */
    static Position decode(String scope, String cursor) {
        try {
            return ListCursor.decode(scope, cursor, position -> {
                Instant startedAt = Instant.EPOCH.plus(position.getLong(), ChronoUnit.MICROS);
                long aircallCallId = position.getLong();
                int totalValue = position.getInt();
                byte exact = position.get();
                if (totalValue < 0 || totalValue > DecisionLogQuery.TOTAL_CAP || (exact != 0 && exact != 1)) {
                    throw new IllegalArgumentException("Not a position this list writes");
                }
                return new Position(new After(startedAt, aircallCallId), new DecisionLogService.Total(totalValue, exact == 1));
            });
        } catch (InvalidCursorException e) {
            throw new InvalidFieldException(FIELD, e.getMessage());
        }
    }
}
