package io.airspeed.ingest.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.ingest.domain.DecisionFilter;
import io.airspeed.ingest.repository.DecisionLogQuery.After;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.support.DecisionSeed;
import io.airspeed.testsupport.QueryPlan;
import io.airspeed.testsupport.PostgresServer;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXPLAIN ANALYZE of the decision log's queries on {@value #DEFAULT_DECISIONS} decisions of one
 * org ({@code -Dingest.plan.decisions=1000000} for more) among other orgs' decisions: for every
 * filter, the first page and a page deep in the list read about one page of one index, in list
 * order (no sort), and the bounded total reads at most 10,001 index entries.
 */
class DecisionLogQueryPlanTest {

    private static final Logger LOG = Logger.getLogger(DecisionLogQueryPlanTest.class);
    private static final int DEFAULT_DECISIONS = 100_000;
    private static final int DECISIONS = Integer.getInteger("ingest.plan.decisions", DEFAULT_DECISIONS);
    private static final int SIZE = 50;
    private static final UUID ORG = UUID.randomUUID();
    private static final Instant FROM = Instant.parse("2024-01-10T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-02-10T00:00:00Z");

    private static String database;

    @BeforeAll
    static void seed() {
        PostgresServer server = PostgresServer.shared();
        database = server.database("ingest_log_plans_" + Long.toHexString(System.nanoTime()));
        Flyway.configure().dataSource(server.jdbcUrl(database), server.user(), server.password())
                .schemas("ingest").defaultSchema("ingest").locations("classpath:db/migration").load().migrate();
        long start = System.nanoTime();
        // Two calls per minute start at once (ties); every reason occurs, some decisions have two;
        // 200 Aircall users. Four other orgs hold a fifth of the table.
        String reasons = "case g % 20"
                + " when 0 then array['SKIPPED_OUTSIDE_INTEGRATION_WINDOW'] when 1 then array['SKIPPED_TOO_SHORT']"
                + " when 2 then array['SKIPPED_NO_AIRCALL_USER', 'SKIPPED_TOO_SHORT'] when 3 then array['SKIPPED_EMAIL_NOT_MATCHED']"
                + " when 4 then array['SKIPPED_NO_RECORDING_SEAT'] when 5 then array['PENDING_RECORDING']"
                + " when 6 then array['SKIPPED_NO_RECORDING'] when 7 then array['PENDING_IN_PROGRESS']"
                + " when 8 then array['SKIPPED_NEVER_FINISHED'] when 9 then array['SKIPPED_DELETED_IN_AIRCALL']"
                + " else '{}'::text[] end";
        String outcome = "case when g % 20 >= 10 then 'IMPORTED' when g % 20 in (5, 7) then 'PENDING' else 'SKIPPED' end";
        List<String> statements = new ArrayList<>();
        statements.add(DecisionSeed.series(ORG, DECISIONS, "timestamptz '2024-01-01' + (g / 2) * interval '1 minute'",
                outcome, reasons, "'user' || (g % 200) || '@acme.test'"));
        for (int other = 0; other < 4; other++) {
            statements.add(DecisionSeed.series(UUID.randomUUID(), DECISIONS / 16,
                    "timestamptz '2024-01-01' + g * interval '1 minute'", outcome, reasons, "'user' || (g % 50) || '@acme.test'"));
        }
        statements.add("vacuum analyze ingest.call_decisions");
        DecisionSeed.execute(database, statements.toArray(String[]::new));
        LOG.infof("Seeded %d decisions in %d ms", DECISIONS, (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void dropDatabase() {
        DecisionSeed.execute("postgres", "drop database if exists " + database + " with (force)");
    }

    private static List<DecisionFilter> singleFilters() {
        List<DecisionFilter> filters = new ArrayList<>(List.of(DecisionFilter.NONE,
                new DecisionFilter(null, null, null, FROM, TO, null),
                new DecisionFilter(null, null, null, null, null, "user7@acme.test"),
                new DecisionFilter(null, null, null, FROM, null, "user7@acme.test")));
        for (Outcome outcome : Outcome.values()) {
            filters.add(new DecisionFilter(null, outcome, null, null, null, null));
            filters.add(new DecisionFilter(null, outcome, null, FROM, TO, null));
        }
        for (Reason reason : Reason.values()) {
            filters.add(new DecisionFilter(null, null, reason, null, null, null));
            filters.add(new DecisionFilter(null, null, reason, null, TO, null));
        }
        return filters;
    }

    @Test
    void everyFiltersFirstAndDeepPagesReadOnePageOfAnIndexInListOrder() throws Exception {
        for (DecisionFilter filter : singleFilters()) {
            Plan first = explain(DecisionLogQuery.page(ORG, filter, null, 0, SIZE + 1));
            first.assertReadsOnlyIndexesInOrder(filter);
            first.assertEveryScanReadsAtMost(SIZE + 1, filter);
            assertThat(first.indexes()).as("%s", filter).hasSize(1).containsAnyOf(indexesFor(filter));

            After deep = positionAt(filter, 0.7);
            Plan deepPage = explain(DecisionLogQuery.page(ORG, filter, deep, 0, SIZE + 1));
            deepPage.assertReadsOnlyIndexesInOrder(filter);
            deepPage.assertEveryScanReadsAtMost(SIZE + 1, filter);
            assertThat(deepPage.indexes()).as("%s", filter).hasSize(1).containsAnyOf(indexesFor(filter));
            assertThat(deepPage.rowsOut()).as("%s", filter).isEqualTo(SIZE + 1);
        }
    }

    @Test
    void theBoundedTotalReadsAtMost10001EntriesOfAnIndex() throws Exception {
        for (DecisionFilter filter : singleFilters()) {
            Plan total = explain(DecisionLogQuery.boundedTotal(ORG, filter));
            total.assertReadsOnlyIndexesInOrder(filter);
            total.assertEveryScanReadsAtMost(DecisionLogQuery.TOTAL_CAP + 1, filter);
        }
    }

    @Test
    void oneCallIsAPrimaryKeyLookupAndCombinedFiltersWalkOneOrderedIndex() throws Exception {
        Plan oneCall = explain(DecisionLogQuery.page(ORG, new DecisionFilter(4242L, Outcome.IMPORTED, null, FROM, null, null),
                null, 0, SIZE + 1));
        oneCall.assertReadsOnlyIndexesInOrder(null);
        assertThat(oneCall.indexes()).containsExactly("call_decisions_pkey");

        DecisionFilter combined = new DecisionFilter(null, Outcome.SKIPPED, Reason.SKIPPED_TOO_SHORT, FROM, TO, "user1@acme.test");
        Plan page = explain(DecisionLogQuery.page(ORG, combined, positionAt(combined, 0.5), 0, SIZE + 1));
        page.assertReadsOnlyIndexesInOrder(combined);
        assertThat(page.indexes()).hasSize(1);
    }

    @Test
    void aGenericPlanOfThePreparedStatementStillWalksTheIndexes() throws Exception {
        // A server-side prepared statement may switch to a plan made without the parameters' values.
        for (DecisionFilter filter : List.of(DecisionFilter.NONE, new DecisionFilter(null, null, Reason.SKIPPED_TOO_SHORT, null, null, null),
                new DecisionFilter(null, Outcome.PENDING, null, FROM, TO, null))) {
            DecisionLogQuery query = DecisionLogQuery.page(ORG, filter, positionAt(filter, 0.5), 0, SIZE + 1);
            try (Connection db = DecisionSeed.connect(database); Statement statement = inIndexOrderOnly(db)) {
                statement.execute("set local plan_cache_mode = force_generic_plan");
                List<String> values = new ArrayList<>();
                Matcher matcher = Pattern.compile("(?<!:):(\\w+)").matcher(query.sql());
                StringBuilder sql = new StringBuilder();
                while (matcher.find()) {
                    values.add(QueryPlan.literal(query.parameters().get(matcher.group(1))));
                    matcher.appendReplacement(sql, "\\$" + values.size());
                }
                matcher.appendTail(sql);
                statement.execute("prepare generic as " + sql);
                Plan plan = plan(statement, "explain (analyze, format json) execute generic(" + String.join(", ", values) + ")");
                plan.assertReadsOnlyIndexesInOrder(filter);
                plan.assertEveryScanReadsAtMost(SIZE + 1, filter);
            }
        }
    }

    @Test
    void everyReasonHasItsPartialIndexWithThePredicateTheQueryWrites() throws SQLException {
        try (Connection db = DecisionSeed.connect(database); Statement statement = db.createStatement()) {
            for (Reason reason : Reason.values()) {
                ResultSet found = statement.executeQuery("select count(*) from pg_indexes where schemaname = 'ingest'"
                        + " and tablename = 'call_decisions' and indexdef like '%(org_id, started_at DESC, aircall_call_id DESC)"
                        + " WHERE (reasons @> ARRAY[''" + reason.name() + "''::text])'");
                found.next();
                assertThat(found.getInt(1)).as("partial index of %s", reason).isEqualTo(1);
            }
        }
    }

    /** The indexes that give this filter's list in order; the outcome PENDING has two. */
    private static String[] indexesFor(DecisionFilter filter) {
        return filter.outcome() == Outcome.PENDING && filter.email() == null && filter.reason() == null
                ? new String[] {"call_decisions_org_outcome", "call_decisions_pending"}
                : new String[] {indexFor(filter)};
    }

    private static String indexFor(DecisionFilter filter) {
        if (filter.reason() != null) {
            try (Connection db = DecisionSeed.connect(database); Statement statement = db.createStatement();
                 ResultSet name = statement.executeQuery("select indexname from pg_indexes where tablename = 'call_decisions'"
                         + " and indexdef like '%ARRAY[''" + filter.reason().name() + "''::text]%'")) {
                name.next();
                return name.getString(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (filter.email() != null) {
            return "call_decisions_org_email";
        }
        return filter.outcome() != null ? "call_decisions_org_outcome" : "call_decisions_org_started";
    }

    /** The row at this fraction of the filter's list: a cursor page that deep continues after it. */
    private static After positionAt(DecisionFilter filter, double fraction) throws SQLException {
        try (Connection db = DecisionSeed.connect(database); Statement statement = db.createStatement()) {
            DecisionLogQuery all = DecisionLogQuery.boundedTotal(ORG, filter);
            ResultSet count = statement.executeQuery(QueryPlan.inline(all.sql().replace(" limit :limit", ""), all.parameters()));
            count.next();
            long offset = (long) (count.getLong(1) * fraction);
            DecisionLogQuery at = DecisionLogQuery.page(ORG, filter, null, offset, 1);
            ResultSet row = statement.executeQuery(QueryPlan.inline(at.sql(), at.parameters()));
            assertThat(row.next()).as("a row %s deep in %s", fraction, filter).isTrue();
            return new After(row.getTimestamp("started_at").toInstant(), row.getLong("aircall_call_id"));
        }
    }

    private static Plan explain(DecisionLogQuery query) throws Exception {
        String sql = QueryPlan.inline(query.sql(), query.parameters());
        try (Connection db = DecisionSeed.connect(database); Statement statement = inIndexOrderOnly(db)) {
            Plan plan = plan(statement, "explain (analyze, format json) " + sql);
            LOG.debugf("%s%n%s", sql, plan.plan().root().toPrettyString());
            return plan;
        }
    }

    /** A transaction (never committed) in which the service's planner settings hold, as in the service. */
    private static Statement inIndexOrderOnly(Connection db) throws SQLException {
        db.setAutoCommit(false);
        Statement statement = db.createStatement();
        statement.execute(DecisionLogQuery.INDEX_ORDER_ONLY);
        return statement;
    }

    private static Plan plan(Statement statement, String explain) throws Exception {
        try (ResultSet rs = statement.executeQuery(explain)) {
            rs.next();
            return new Plan(QueryPlan.parse(rs.getString(1)));
        }
    }

    private record Plan(QueryPlan plan) {

        List<JsonNode> nodes() {
            return plan.nodes();
        }

        List<String> indexes() {
            return plan.indexes();
        }

        long rowsOut() {
            return plan.rowsOut();
        }

        /** No scan of the table, no bitmap (which loses the order), no sort. */
        void assertReadsOnlyIndexesInOrder(DecisionFilter filter) {
            assertThat(nodes()).as("%s", filter).extracting(n -> n.get("Node Type").asText())
                    .doesNotContain("Seq Scan", "Bitmap Heap Scan", "Sort", "Incremental Sort");
        }

        /** Index entries each scan read, those its filter then dropped included. */
        void assertEveryScanReadsAtMost(long rows, DecisionFilter filter) {
            for (JsonNode node : nodes()) {
                if (node.has("Index Name")) {
                    long read = QueryPlan.rowsExamined(node);
                    assertThat(read).as("rows read by %s for %s in%n%s", node.get("Index Name").asText(), filter, plan.root().toPrettyString())
                            .isLessThanOrEqualTo(rows);
                }
            }
        }
    }
}
