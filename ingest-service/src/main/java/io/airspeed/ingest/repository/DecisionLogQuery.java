package io.airspeed.ingest.repository;

import io.airspeed.ingest.domain.DecisionFilter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL behind {@code GET /api/ingestion/decisions}: one page of the org's decisions in list
 * order, newest first ({@code started_at desc, aircall_call_id desc}), or their bounded total.
 * Pure: it only builds text and parameters, so a test EXPLAINs exactly what the service runs.
 *
 * <p>Every filter has an index ending in the list order (V11): the org's, the outcome's, the
 * email's, and one partial index per reason. A page continues after the previous page's last row
 * by keyset ({@code (started_at, aircall_call_id) < (:afterStartedAt, :afterId)}), an index
 * condition, so a page deep in the list reads as few index entries as the first. Combined filters
 * walk one of these indexes and filter the rest.
 *
 * <p>{@link #INDEX_ORDER_ONLY} runs first, in the same transaction: without it PostgreSQL may,
 * on its estimates, read a filter's rows through a bitmap (the GIN on reasons, a partial index on
 * skipped decisions) and sort them, which reads every matching row of the org; with it, only the
 * plans that walk an index in list order are left, and a page reads its rows and stops.
 *
 * <p>The reason is written into the text as a literal on purpose: PostgreSQL uses a partial index
 * only when the query's predicate implies the index's at plan time, which a bound parameter never
 * does. It is the name of a {@code Reason} constant, never text from the request.
 */
public record DecisionLogQuery(String sql, Map<String, Object> parameters) {

    /** The most a total counts; above it the total is "more than this". */
    public static final int TOTAL_CAP = 10_000;

    /** For the rest of the transaction: no bitmap scans and no sorts (see above). */
    public static final String INDEX_ORDER_ONLY =
            "select set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)";

    static final String ORDER = " order by d.started_at desc, d.aircall_call_id desc";

    /** The last row of the previous page: the page starts right after it in list order. */
    public record After(Instant startedAt, long aircallCallId) {
    }

    public DecisionLogQuery {
        parameters = Map.copyOf(parameters);
    }

    /**
     * Up to {@code limit} decisions after {@code after} (null: from the newest), skipping
     * {@code offset} of them first (the deprecated page numbers; 0 otherwise).
     */
    public static DecisionLogQuery page(UUID orgId, DecisionFilter filter, After after, long offset, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> where = conditions(orgId, filter, parameters);
        if (after != null) {
            where.add("(d.started_at, d.aircall_call_id) < (:afterStartedAt, :afterId)");
            parameters.put("afterStartedAt", after.startedAt());
            parameters.put("afterId", after.aircallCallId());
        }
        parameters.put("limit", limit);
        String sql = "select d.* from ingest.call_decisions d where " + String.join(" and ", where)
                // One call at most: its primary key finds it, and there is nothing to order.
                + (filter.aircallCallId() == null ? ORDER : "")
                + (offset > 0 ? " offset :offset" : "") + " limit :limit";
        if (offset > 0) {
            parameters.put("offset", offset);
        }
        return new DecisionLogQuery(sql, parameters);
    }

    /**
     * How many decisions match, counted up to {@link #TOTAL_CAP} + 1 (more means "more than the
     * cap"). Read in list order on purpose: for an org that is most of the table PostgreSQL would
     * otherwise pick a sequential scan, cheap only while the org's rows lie early in the table.
     */
    public static DecisionLogQuery boundedTotal(UUID orgId, DecisionFilter filter) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> where = conditions(orgId, filter, parameters);
        parameters.put("limit", TOTAL_CAP + 1);
        return new DecisionLogQuery("select count(*) from (select 1 from ingest.call_decisions d where "
                + String.join(" and ", where) + ORDER + " limit :limit) matching", parameters);
    }

    private static List<String> conditions(UUID orgId, DecisionFilter filter, Map<String, Object> parameters) {
        List<String> where = new ArrayList<>(List.of("d.org_id = :orgId"));
        parameters.put("orgId", orgId);
        if (filter.aircallCallId() != null) {
            where.add("d.aircall_call_id = :callId");
            parameters.put("callId", filter.aircallCallId());
        }
        if (filter.outcome() != null) {
            where.add("d.outcome = :outcome");
            parameters.put("outcome", filter.outcome().name());
        }
        if (filter.reason() != null) {
            // Exactly the predicate of the reason's partial index in V11.
            where.add("d.reasons @> array['" + filter.reason().name() + "']::text[]");
        }
        if (filter.from() != null) {
            where.add("d.started_at >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("d.started_at < :to");
            parameters.put("to", filter.to());
        }
        if (filter.email() != null) {
            where.add("d.aircall_user_email_normalized = :email");
            parameters.put("email", filter.email());
        }
        return where;
    }
}
