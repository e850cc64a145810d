package io.airspeed.visibility.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.testsupport.PostgresServer;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.testsupport.QueryPlan;
import io.airspeed.visibility.domain.CallFilter;
import io.airspeed.visibility.domain.Keyset;
import io.airspeed.visibility.domain.Viewer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXPLAIN ANALYZE of the list queries on a seeded org: {@value #DEFAULT_CALLS} calls by default
 * ({@code -Dvisibility.plan.calls=1000000} for the README's numbers), 200 users, 5% public,
 * every fourth call with a second participant. Checks that each page is read through the
 * intended indexes and that every index scan stops after a page (and a count at its cap) instead of
 * reading the org's calls.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class VisibleCallsQueryPlanTest {

    private static final Logger LOG = Logger.getLogger(VisibleCallsQueryPlanTest.class);
    private static final int DEFAULT_CALLS = 100_000;
    private static final int CALLS = Integer.getInteger("visibility.plan.calls", DEFAULT_CALLS);
    private static final UUID ORG = UUID.randomUUID();

    private static boolean seeded;

    @BeforeAll
    static void seed() throws SQLException {
        if (seeded) {
            return;
        }
        long start = System.nanoTime();
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            try (PreparedStatement calls = db.prepareStatement("""
                    insert into visibility.calls (id, org_id, aircall_call_id, owner_user_id, visibility, started_at,
                                                  ended_at, duration_seconds, direction, imported_at, updated_at)
                    select md5(?::text || g)::uuid, ?::uuid, g, md5('user' || (g % 200))::uuid,
                           case when g % 20 = 0 then 'PUBLIC' else 'PRIVATE' end,
                           timestamptz '2020-01-01' + g * interval '1 minute',
                           timestamptz '2020-01-01' + g * interval '1 minute' + interval '2 minutes',
                           120, 'INBOUND', now(), now()
                    from generate_series(1, ?) g""")) {
                calls.setString(1, ORG.toString());
                calls.setString(2, ORG.toString());
                calls.setInt(3, CALLS);
                calls.executeUpdate();
            }
            try (PreparedStatement participants = db.prepareStatement("""
                    insert into visibility.call_participants (call_id, user_id, org_id, started_at)
                    select id, owner_user_id, org_id, started_at from visibility.calls where org_id = ?::uuid
                    union all
                    select id, md5('user' || ((aircall_call_id + 1) % 200))::uuid, org_id, started_at
                    from visibility.calls where org_id = ?::uuid and aircall_call_id % 4 = 0""")) {
                participants.setString(1, ORG.toString());
                participants.setString(2, ORG.toString());
                participants.executeUpdate();
            }
            statement.execute("vacuum analyze visibility.calls");
            statement.execute("vacuum analyze visibility.call_participants");
        }
        seeded = true;
        LOG.infof("Seeded %d calls in %d ms", CALLS, (System.nanoTime() - start) / 1_000_000);
    }

    /** The database may be an external one shared across runs: leave no million rows behind. */
    @AfterAll
    static void removeSeed() throws SQLException {
        try (Connection db = connect();
             PreparedStatement delete = db.prepareStatement("delete from visibility.calls where org_id = ?::uuid")) {
            delete.setString(1, ORG.toString());
            delete.executeUpdate();
        }
    }

    @Test
    void memberPageReadsPublicCallsAndOwnCallsThroughTheirIndexesOnly() throws Exception {
        Viewer member = new Viewer(ORG, user(7), false);
        Plan plan = explain(VisibleCallsQuery.after(member, CallFilter.NONE, null, 50), true);
        plan.assertNoFullScans();
        assertThat(plan.indexes()).contains("calls_org_public_started_idx", "call_participants_user_idx");
        plan.assertEveryScanReadsAtMost(51);
    }

    @Test
    void memberDeprecatedOffsetPageReadsOffsetPlusSizeRowsPerBranch() throws Exception {
        Viewer member = new Viewer(ORG, user(7), false);
        Plan plan = explain(VisibleCallsQuery.atOffset(member, CallFilter.NONE, 250, 50), true);
        plan.assertNoFullScans();
        plan.assertEveryScanReadsAtMost(301);
    }

    @Test
    void memberPageWithATimeRangeStaysOnTheIndexes() throws Exception {
        Viewer member = new Viewer(ORG, user(7), false);
        CallFilter lastMonth = new CallFilter(Instant.parse("2020-01-10T00:00:00Z"), Instant.parse("2020-02-10T00:00:00Z"),
                null);
        Plan plan = explain(VisibleCallsQuery.after(member, lastMonth, null, 50), true);
        plan.assertNoFullScans();
        assertThat(plan.indexes()).contains("calls_org_public_started_idx", "call_participants_user_idx");
        plan.assertEveryScanReadsAtMost(51);
    }

    @Test
    void adminPageReadsOnePageOfTheOrgsIndex() throws Exception {
        Viewer admin = new Viewer(ORG, UUID.randomUUID(), true);
        Plan plan = explain(VisibleCallsQuery.after(admin, CallFilter.NONE, null, 50), true);
        plan.assertNoFullScans();
        assertThat(plan.indexes()).containsExactly("calls_org_started_idx");
        plan.assertEveryScanReadsAtMost(51);
    }

    @Test
    void participantFilterWalksThatUsersParticipations() throws Exception {
        Viewer member = new Viewer(ORG, user(7), false);
        Plan plan = explain(VisibleCallsQuery.after(member, new CallFilter(null, null, user(8)), null, 50), true);
        plan.assertNoFullScans();
        assertThat(plan.indexes()).contains("call_participants_user_idx");
        Viewer admin = new Viewer(ORG, UUID.randomUUID(), true);
        Plan adminPlan = explain(VisibleCallsQuery.after(admin, new CallFilter(null, null, user(8)), null, 50), true);
        adminPlan.assertNoFullScans();
        assertThat(adminPlan.indexes()).containsExactly("call_participants_user_idx");
        adminPlan.assertEveryScanReadsAtMost(51);
    }

    @Test
    void aCursorDeepInTheListSeeksToItInEveryBranchInsteadOfReadingWhatComesBefore() throws Exception {
        Keyset deep = keysetAtOffset(Math.min(10_000, CALLS / 2));
        Viewer member = new Viewer(ORG, user(7), false);
        Plan memberPlan = explain(VisibleCallsQuery.after(member, CallFilter.NONE, deep, 50), true);
        memberPlan.assertNoFullScans();
        assertThat(memberPlan.indexes()).contains("calls_org_public_started_idx", "call_participants_user_idx");
        memberPlan.assertEveryScanReadsAtMost(51);
        Viewer admin = new Viewer(ORG, UUID.randomUUID(), true);
        Plan adminPlan = explain(VisibleCallsQuery.after(admin, CallFilter.NONE, deep, 50), true);
        adminPlan.assertNoFullScans();
        assertThat(adminPlan.indexes()).containsExactly("calls_org_started_idx");
        adminPlan.assertEveryScanReadsAtMost(51);
        Plan participantPlan = explain(VisibleCallsQuery.after(member, new CallFilter(null, null, user(8)), deep, 50), true);
        participantPlan.assertNoFullScans();
        assertThat(participantPlan.indexes()).contains("call_participants_user_idx");
    }

    @Test
    void countsStopAtTheCapInsteadOfReadingTheOrg() throws Exception {
        Viewer member = new Viewer(ORG, user(7), false);
        Plan plan = explain(VisibleCallsQuery.after(member, CallFilter.NONE, null, 50), false);
        plan.assertNoFullScans();
        assertThat(plan.indexes()).contains("calls_org_public_started_idx", "call_participants_user_idx");
        plan.assertEveryScanReadsAtMost(VisibleCallsQuery.COUNT_CAP);
        // The seeded org is nearly the whole table, so PostgreSQL rightly reads it sequentially; the
        // limit still stops that scan at the cap.
        Plan adminPlan = explain(VisibleCallsQuery.after(new Viewer(ORG, UUID.randomUUID(), true), CallFilter.NONE, null, 50), false);
        adminPlan.assertEveryScanIncludingSequentialReadsAtMost(VisibleCallsQuery.COUNT_CAP);
    }

    private static Keyset keysetAtOffset(int offset) throws SQLException {
        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("select started_at, id from visibility.calls where org_id = '" + ORG
                     + "' order by started_at desc, id desc offset " + offset + " limit 1")) {
            rs.next();
            return new Keyset(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), rs.getObject(2, UUID.class));
        }
    }

    /** The seeded users are md5('user' || n) as UUIDs, as in the seed SQL. */
    private static UUID user(int n) throws SQLException {
        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("select md5('user" + n + "')::uuid")) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    private static Plan explain(VisibleCallsQuery query, boolean page) throws Exception {
        String sql = page ? QueryPlan.inline(query.pageSql(), query.pageParameters())
                : QueryPlan.inline(query.countSql(), query.countParameters());
        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("explain (analyze, buffers, format json) " + sql)) {
            rs.next();
            QueryPlan plan = QueryPlan.parse(rs.getString(1));
            try (ResultSet text = db.createStatement().executeQuery("explain (analyze, costs off) " + sql)) {
                StringBuilder out = new StringBuilder();
                while (text.next()) {
                    out.append(text.getString(1)).append('\n');
                }
                LOG.infof("%s calls, %s%n%s%n%s", CALLS, page ? "page" : "count", sql, out);
            }
            return new Plan(plan);
        }
    }

    private static Connection connect() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        return DriverManager.getConnection(server.jdbcUrl("visibility"), server.user(), server.password());
    }

    private record Plan(QueryPlan plan) {

        List<JsonNode> nodes() {
            return plan.nodes();
        }

        List<String> indexes() {
            return plan.indexes();
        }

        void assertNoFullScans() {
            assertThat(nodes()).extracting(n -> n.get("Node Type").asText())
                    .doesNotContain("Seq Scan", "Bitmap Heap Scan");
        }

        /** Rows each scan of any kind looked at: produced plus filtered out, summed over loops. */
        void assertEveryScanIncludingSequentialReadsAtMost(long rows) {
            for (JsonNode node : nodes()) {
                if (node.get("Node Type").asText().endsWith("Scan")) {
                    long read = QueryPlan.rowsExamined(node);
                    assertThat(read).as("rows read by %s", node.get("Node Type").asText()).isLessThanOrEqualTo(rows);
                }
            }
        }

        /** Rows produced by each scan on calls' own ordered indexes (summed over loops). */
        void assertEveryScanReadsAtMost(long rows) {
            for (JsonNode node : nodes()) {
                String type = node.get("Node Type").asText();
                boolean orderedScan = (type.equals("Index Scan") || type.equals("Index Only Scan"))
                        && !node.get("Index Name").asText().endsWith("_pkey");
                if (orderedScan) {
                    long read = QueryPlan.rowsProduced(node);
                    assertThat(read).as("rows read by %s", node.get("Index Name").asText()).isLessThanOrEqualTo(rows);
                }
            }
        }
    }
}
