package io.airspeed.visibility.repository;

import io.airspeed.visibility.domain.CallFilter;
import io.airspeed.visibility.domain.Viewer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The SQL behind {@code GET /api/calls}: the ids of one page of the calls a viewer may see, newest
 * first ({@code started_at desc, id desc}), and their count. Pure: it only builds text and
 * parameters, so tests can EXPLAIN exactly what the service runs. README.md explains each shape
 * and the index it walks.
 *
 * <ul>
 *   <li>admin: the org's calls, {@code calls_org_started_idx};</li>
 *   <li>member: the org's public calls ({@code calls_org_public_started_idx}, partial on
 *       {@code visibility = 'PUBLIC'}) UNION the calls the member takes part in
 *       ({@code call_participants_user_idx}); each branch is cut at {@code offset + size} rows in
 *       index order, so neither reads more than a page's worth beyond the offset;</li>
 *   <li>participant filter: that user's participations ({@code call_participants_user_idx}),
 *       and for a member, only those that are public or that the member also takes part in.</li>
 * </ul>
 *
 * The visibility literals are in the text on purpose: PostgreSQL uses a partial index only when
 * the query's predicate implies the index's at plan time.
 */
public final class VisibleCallsQuery {

    static final String CALLS = "visibility.calls";
    static final String PARTICIPANTS = "visibility.call_participants";

    private final String pageSql;
    private final String countSql;
    private final Map<String, Object> filterParameters;
    private final long offset;
    private final int size;

    private VisibleCallsQuery(String pageSql, String countSql, Map<String, Object> filterParameters, long offset,
                              int size) {
        this.pageSql = pageSql;
        this.countSql = countSql;
        this.filterParameters = Map.copyOf(filterParameters);
        this.offset = offset;
        this.size = size;
    }

    public static VisibleCallsQuery of(Viewer viewer, CallFilter filter, int page, int size) {
        Objects.requireNonNull(viewer, "viewer");
        CallFilter f = filter == null ? CallFilter.NONE : filter;
        long offset = (long) page * size;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", viewer.orgId());
        if (f.from() != null) {
            params.put("from", f.from());
        }
        if (f.to() != null) {
            params.put("to", f.to());
        }
        String pageSql;
        String countSql;
        if (f.participant() == null && viewer.admin()) {
            String where = " where c.org_id = :org" + timeRange("c", f);
            pageSql = "select c.id from " + CALLS + " c" + where
                    + " order by c.started_at desc, c.id desc offset :off limit :size";
            countSql = "select count(*) from " + CALLS + " c" + where;
        } else if (f.participant() == null) {
            params.put("me", viewer.userId());
            String publicCalls = " from " + CALLS + " c where c.org_id = :org and c.visibility = 'PUBLIC'"
                    + timeRange("c", f);
            String myCalls = " from " + PARTICIPANTS + " p where p.org_id = :org and p.user_id = :me" + timeRange("p", f);
            pageSql = "select v.id from ("
                    + "(select c.id, c.started_at" + publicCalls + " order by c.started_at desc, c.id desc limit :lim)"
                    + " union "
                    + "(select p.call_id, p.started_at" + myCalls + " order by p.started_at desc, p.call_id desc limit :lim)"
                    + ") v order by v.started_at desc, v.id desc offset :off limit :size";
            // Public calls plus my private calls: the two sets are disjoint, so the sum is exact.
            countSql = "select (select count(*)" + publicCalls + ")"
                    + " + (select count(*) from " + PARTICIPANTS + " p join " + CALLS + " c on c.id = p.call_id"
                    + " where p.org_id = :org and p.user_id = :me and c.visibility = 'PRIVATE'" + timeRange("p", f) + ")";
        } else if (viewer.admin() || f.participant().equals(viewer.userId())) {
            // Admins see every call of the org; a member sees every call they take part in.
            params.put("participant", f.participant());
            String where = " where p.org_id = :org and p.user_id = :participant" + timeRange("p", f);
            pageSql = "select p.call_id from " + PARTICIPANTS + " p" + where
                    + " order by p.started_at desc, p.call_id desc offset :off limit :size";
            countSql = "select count(*) from " + PARTICIPANTS + " p" + where;
        } else {
            params.put("participant", f.participant());
            params.put("me", viewer.userId());
            String from = " from " + PARTICIPANTS + " p join " + CALLS + " c on c.id = p.call_id and c.org_id = p.org_id"
                    + " where p.org_id = :org and p.user_id = :participant" + timeRange("p", f)
                    + " and (c.visibility = 'PUBLIC' or exists (select 1 from " + PARTICIPANTS + " m"
                    + " where m.call_id = p.call_id and m.user_id = :me))";
            pageSql = "select p.call_id" + from + " order by p.started_at desc, p.call_id desc offset :off limit :size";
            countSql = "select count(*)" + from;
        }
        return new VisibleCallsQuery(pageSql, countSql, params, offset, size);
    }

    private static String timeRange(String alias, CallFilter filter) {
        return (filter.from() == null ? "" : " and " + alias + ".started_at >= :from")
                + (filter.to() == null ? "" : " and " + alias + ".started_at < :to");
    }

    /** Selects the ids of the page's calls, in list order. */
    public String pageSql() {
        return pageSql;
    }

    /** Selects one number: how many calls the viewer may see with these filters. */
    public String countSql() {
        return countSql;
    }

    /** The parameters of {@link #pageSql()}. */
    public Map<String, Object> pageParameters() {
        Map<String, Object> params = new LinkedHashMap<>(filterParameters);
        if (pageSql.contains(":lim")) {
            params.put("lim", offset + size);
        }
        params.put("off", offset);
        params.put("size", size);
        return params;
    }

    /** The parameters of {@link #countSql()}. */
    public Map<String, Object> countParameters() {
        return filterParameters;
    }
}
