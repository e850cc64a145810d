package io.airspeed.visibility.repository;

import io.airspeed.visibility.domain.CallFilter;
import io.airspeed.visibility.domain.Keyset;
import io.airspeed.visibility.domain.Viewer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The SQL behind {@code GET /api/calls}: the ids of one page of the calls a viewer may see, newest
 * first ({@code started_at desc, id desc}), and their bounded count. Pure: it only builds text and
 * parameters, so tests can EXPLAIN exactly what the service runs. README.md explains each shape
 * and the index it walks.
 *
 * <ul>
 *   <li>admin: the org's calls, {@code calls_org_started_idx};</li>
 *   <li>member: the org's public calls ({@code calls_org_public_started_idx}, partial on
 *       {@code visibility = 'PUBLIC'}) UNION the calls the member takes part in
 *       ({@code call_participants_user_idx}); each branch is cut at {@code offset + size + 1} rows
 *       in index order, so neither reads more than a page's worth beyond where the page starts;</li>
 *   <li>participant filter: that user's participations ({@code call_participants_user_idx}),
 *       and for a member, only those that are public or that the member also takes part in.</li>
 * </ul>
 *
 * A page starts after a {@link Keyset} (the cursor: each branch seeks straight to it in its index)
 * or, for the deprecated page numbers, after an offset the caller keeps small. One row more than
 * the page is read, to know whether there is more. The count stops at {@link #COUNT_CAP} rows: no
 * request reads more than that, whatever the org's size.
 *
 * The visibility literals are in the text on purpose: PostgreSQL uses a partial index only when
 * the query's predicate implies the index's at plan time.
 */
public final class VisibleCallsQuery {

    /** Rows the count reads at most: "exact up to 10,000" needs one more to know it is above. */
    public static final int COUNT_CAP = 10_001;

    static final String CALLS = "visibility.calls";
    static final String PARTICIPANTS = "visibility.call_participants";

    private final String pageSql;
    private final String countSql;
    private final Map<String, Object> pageParameters;
    private final Map<String, Object> countParameters;

    private VisibleCallsQuery(String pageSql, String countSql, Map<String, Object> pageParameters,
                              Map<String, Object> countParameters) {
        this.pageSql = pageSql;
        this.countSql = countSql;
        this.pageParameters = Map.copyOf(pageParameters);
        this.countParameters = Map.copyOf(countParameters);
    }

    /** The first page, or the page right after {@code after}. */
    public static VisibleCallsQuery after(Viewer viewer, CallFilter filter, Keyset after, int size) {
        return build(viewer, filter, after, 0, size);
    }

    /** The deprecated numbered pages: {@code offset} rows skipped from the top. */
    public static VisibleCallsQuery atOffset(Viewer viewer, CallFilter filter, long offset, int size) {
        return build(viewer, filter, null, offset, size);
    }

    private static VisibleCallsQuery build(Viewer viewer, CallFilter filter, Keyset after, long offset, int size) {
        Objects.requireNonNull(viewer, "viewer");
        CallFilter f = filter == null ? CallFilter.NONE : filter;
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("org", viewer.orgId());
        if (f.from() != null) {
            count.put("from", f.from());
        }
        if (f.to() != null) {
            count.put("to", f.to());
        }
        String pageSql;
        String countSql;
        if (f.participant() == null && viewer.admin()) {
            String where = " where c.org_id = :org" + timeRange("c", f);
            pageSql = "select c.id from " + CALLS + " c" + where + after("c.started_at, c.id", after)
                    + " order by c.started_at desc, c.id desc offset :off limit :rows";
            countSql = capped("select 1 from " + CALLS + " c" + where);
        } else if (f.participant() == null) {
            count.put("me", viewer.userId());
            String publicCalls = " from " + CALLS + " c where c.org_id = :org and c.visibility = 'PUBLIC'"
                    + timeRange("c", f);
            String myCalls = " from " + PARTICIPANTS + " p where p.org_id = :org and p.user_id = :me" + timeRange("p", f);
            pageSql = "select v.id from ("
                    + "(select c.id, c.started_at" + publicCalls + after("c.started_at, c.id", after)
                    + " order by c.started_at desc, c.id desc limit :lim)"
                    + " union "
                    + "(select p.call_id, p.started_at" + myCalls + after("p.started_at, p.call_id", after)
                    + " order by p.started_at desc, p.call_id desc limit :lim)"
                    + ") v order by v.started_at desc, v.id desc offset :off limit :rows";
            // Public calls plus my private calls: the two sets are disjoint, so the sum is exact.
            countSql = "select count(*) from ((select 1" + publicCalls + " limit " + COUNT_CAP + ")"
                    + " union all (select 1 from " + PARTICIPANTS + " p join " + CALLS + " c on c.id = p.call_id"
                    + " where p.org_id = :org and p.user_id = :me and c.visibility = 'PRIVATE'" + timeRange("p", f)
                    + " limit " + COUNT_CAP + ")) n";
        } else if (viewer.admin() || f.participant().equals(viewer.userId())) {
            // Admins see every call of the org; a member sees every call they take part in.
            count.put("participant", f.participant());
            String where = " where p.org_id = :org and p.user_id = :participant" + timeRange("p", f);
            pageSql = "select p.call_id from " + PARTICIPANTS + " p" + where + after("p.started_at, p.call_id", after)
                    + " order by p.started_at desc, p.call_id desc offset :off limit :rows";
            countSql = capped("select 1 from " + PARTICIPANTS + " p" + where);
        } else {
            count.put("participant", f.participant());
            count.put("me", viewer.userId());
            String from = " from " + PARTICIPANTS + " p join " + CALLS + " c on c.id = p.call_id and c.org_id = p.org_id"
                    + " where p.org_id = :org and p.user_id = :participant" + timeRange("p", f)
                    + " and (c.visibility = 'PUBLIC' or exists (select 1 from " + PARTICIPANTS + " m"
                    + " where m.call_id = p.call_id and m.user_id = :me))";
            pageSql = "select p.call_id" + from + after("p.started_at, p.call_id", after)
                    + " order by p.started_at desc, p.call_id desc offset :off limit :rows";
            countSql = capped("select 1" + from);
        }
        Map<String, Object> page = new LinkedHashMap<>(count);
        if (after != null) {
            page.put("afterStartedAt", after.startedAt());
            page.put("afterId", after.id());
        }
        if (pageSql.contains(":lim")) {
            page.put("lim", offset + size + 1);
        }
        page.put("off", offset);
        page.put("rows", size + 1);
        return new VisibleCallsQuery(pageSql, countSql, page, count);
    }

    /** The row comparison matches the index order, so the scan seeks to the cursor instead of skipping rows. */
    private static String after(String columns, Keyset after) {
        return after == null ? "" : " and (" + columns + ") < (:afterStartedAt, :afterId)";
    }

    private static String capped(String rows) {
        return "select count(*) from (" + rows + " limit " + COUNT_CAP + ") n";
    }

    private static String timeRange(String alias, CallFilter filter) {
        return (filter.from() == null ? "" : " and " + alias + ".started_at >= :from")
                + (filter.to() == null ? "" : " and " + alias + ".started_at < :to");
    }

    /** Selects the ids of the page's calls in list order: one more than the page size when there is more. */
    public String pageSql() {
        return pageSql;
    }

    /**
     * Selects one number: how many calls the viewer may see with these filters, read no further
     * than {@link #COUNT_CAP} rows per branch (the member's sum may reach twice that).
     */
    public String countSql() {
        return countSql;
    }

    /** The parameters of {@link #pageSql()}. */
    public Map<String, Object> pageParameters() {
        return pageParameters;
    }

    /** The parameters of {@link #countSql()}. */
    public Map<String, Object> countParameters() {
        return countParameters;
    }
}
