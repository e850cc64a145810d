package io.airspeed.visibility.rest;

import io.airspeed.cursors.InvalidCursorException;
import io.airspeed.cursors.ListCursor;
import io.airspeed.visibility.domain.CallFilter;
import io.airspeed.visibility.domain.Viewer;
import io.airspeed.visibility.domain.Keyset;
import io.airspeed.visibility.service.InvalidFieldException;
import io.airspeed.visibility.service.ListPosition;
import io.airspeed.visibility.service.ListTotal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The {@code cursor} of {@code GET /api/calls}: the last listed call's place and the first page's
 * total, bound to the viewer and filters it was issued for. A cursor of another org, user or
 * filter set is a 400 naming {@code cursor}.
 */
final class CallCursors {

    static final String FIELD = "cursor";

    /** started_at (epoch microseconds, PostgreSQL's precision), the call id, total value, exact. */
    private static final int SIZE = Long.BYTES + 2 * Long.BYTES + Long.BYTES + 1;

    private CallCursors() {
    }

    static String next(Viewer viewer, CallFilter filter, Keyset after, ListTotal total) {
        return ListCursor.encode(scope(viewer, filter), SIZE, b -> b
                .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, after.startedAt()))
                .putLong(after.id().getMostSignificantBits()).putLong(after.id().getLeastSignificantBits())
                .putLong(total.value()).put((byte) (total.exact() ? 1 : 0)));
    }

    static ListPosition position(Viewer viewer, CallFilter filter, String cursor) {
        try {
            return ListCursor.decode(scope(viewer, filter), cursor, b -> {
                Instant startedAt = Instant.EPOCH.plus(b.getLong(), ChronoUnit.MICROS);
                UUID id = new UUID(b.getLong(), b.getLong());
                long value = b.getLong();
                byte exact = b.get();
                if (value < 0 || exact > 1 || exact < 0) {
                    throw new IllegalArgumentException("not a total");
                }
                return ListPosition.after(new Keyset(startedAt, id), new ListTotal(value, exact == 1));
            });
        } catch (InvalidCursorException e) {
            throw new InvalidFieldException(FIELD, e.getMessage());
        }
    }

    private static String scope(Viewer viewer, CallFilter filter) {
        return "calls|" + viewer.orgId() + '|' + viewer.userId() + "|from=" + filter.from() + "|to=" + filter.to()
                + "|participant=" + filter.participant();
    }
}
