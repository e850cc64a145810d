package io.airspeed.ingest.service;

import io.airspeed.ingest.domain.CallDecision;
import io.airspeed.ingest.domain.DecisionFilter;
import io.airspeed.ingest.domain.DecisionHistoryEntry;
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.airspeed.ingest.repository.DecisionHistoryRepository;
import io.airspeed.ingest.repository.DecisionLogQuery;
import io.airspeed.ingest.repository.DecisionLogQuery.After;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reading the decision log of the caller's org, page by page (product.md section 7.4): each page
 * is read by keyset after the previous one, so its cost does not grow with the org's log, and the
 * total is counted once, for the first page, up to {@link DecisionLogQuery#TOTAL_CAP}.
 */
@ApplicationScoped
public class DecisionLogService {

    private final CallDecisionRepository decisions;
    private final DecisionHistoryRepository history;

    DecisionLogService(CallDecisionRepository decisions, DecisionHistoryRepository history) {
        this.decisions = decisions;
        this.history = history;
    }

    /** How many decisions match: exact up to the cap, else the cap as a lower bound ({@code exact} false). */
    public record Total(long value, boolean exact) {

        static Total counted(long matching) {
            return matching > DecisionLogQuery.TOTAL_CAP ? new Total(DecisionLogQuery.TOTAL_CAP, false) : new Total(matching, true);
        }
    }

    /**
     * Where a page starts: after the previous page ({@code cursor}), at a deprecated page number
     * ({@code page}), or, with neither, at the newest decision. At most one of them is given.
     */
    public record Start(String cursor, Integer page) {

        public static final Start FIRST = new Start(null, null);

        public Start {
            if (cursor != null && page != null) {
                throw new InvalidFieldException("page", "cannot be combined with cursor, which already says where the page starts");
            }
        }
    }

    /**
     * {@code histories}: each item's history, oldest first, by Aircall call id. {@code nextCursor}:
     * where the next page starts, null on the last page. {@code page}: the page number asked for,
     * null unless the request used one.
     */
    public record PageOf(List<CallDecision> items, Map<Long, List<DecisionHistoryEntry>> histories, int size,
                         Integer page, String nextCursor, Total total) {

        public boolean hasMore() {
            return nextCursor != null;
        }
    }

    /**
     * One page of the decisions matching {@code filter}, newest first. One row more than the page
     * is read to know whether another follows; the page's histories come from one query for the
     * whole page, not one per decision.
     *
     * @throws InvalidFieldException naming {@code cursor} when the cursor is not one this list (this
     *                               org, admin and filters) issued; naming {@code page} when the page
     *                               ends past the first {@link DecisionLogQuery#TOTAL_CAP} decisions
     */
    // A transaction although it only reads: the planner settings that keep the reads in index order
    // last until its end.
    @WithTransaction
    public Uni<PageOf> search(UUID orgId, UUID userId, DecisionFilter filter, Start start, int size) {
        if (start.page() != null && (long) start.page() * size + size > DecisionLogQuery.TOTAL_CAP) {
            // An offset is read and thrown away row by row: beyond the cap only a cursor keeps a page cheap.
            throw new InvalidFieldException("page", "reaches past the first " + DecisionLogQuery.TOTAL_CAP
                    + " decisions; use cursor instead (the nextCursor of the previous answer)");
        }
        String scope = DecisionLogCursor.scope(orgId, userId, filter);
        DecisionLogCursor.Position position = start.cursor() == null ? null : DecisionLogCursor.decode(scope, start.cursor());
        long offset = start.page() == null ? 0 : (long) start.page() * size;
        DecisionLogQuery pageQuery = DecisionLogQuery.page(orgId, filter, position == null ? null : position.after(),
                offset, size + 1);
        Uni<Total> total = position != null ? Uni.createFrom().item(position.total())
                : decisions.boundedTotal(DecisionLogQuery.boundedTotal(orgId, filter)).map(Total::counted);
        return decisions.readLogInIndexOrderOnly()
                .chain(() -> decisions.page(pageQuery))
                .chain(rows -> total.chain(counted -> {
                    List<CallDecision> items = rows.subList(0, Math.min(size, rows.size()));
                    String nextCursor = rows.size() > size
                            ? DecisionLogCursor.encode(scope, after(items.get(items.size() - 1)), counted) : null;
                    return history.ofCalls(orgId, items.stream().map(d -> d.aircallCallId).toList())
                            .map(histories -> new PageOf(items, histories, size, start.page(), nextCursor, counted));
                }));
    }

    private static After after(CallDecision last) {
        return new After(last.startedAt, last.aircallCallId);
    }
}
