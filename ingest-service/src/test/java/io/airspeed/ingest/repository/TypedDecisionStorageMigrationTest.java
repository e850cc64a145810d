package io.airspeed.ingest.repository;

import io.airspeed.testsupport.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V6 moves reasons (",A,B,") and participants ("id,id") of the decisions already stored to typed
 * arrays: a database at V4 with rows of every shape is migrated, and each row reads back the same.
 * The queries on them are index lookups: their plans are pinned on a log of many orgs and users.
 */
class TypedDecisionStorageMigrationTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID TRANSFERRED = UUID.randomUUID();

    @Test
    void decisionsStoredAsTextAtV4ReadBackAsTheSameTypedReasonsAndParticipants() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        String database = server.database("ingest_migration_" + Long.toHexString(System.nanoTime()));
        String url = server.jdbcUrl(database);
        flyway(url, "4").migrate();
        try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("set search_path to ingest");
            insert(statement, 1, "IMPORTED", "''", "'" + OWNER + "," + TRANSFERRED + "'");
            insert(statement, 2, "SKIPPED", "',SKIPPED_TOO_SHORT,SKIPPED_NO_RECORDING_SEAT,'", "'" + OWNER + "'");
            insert(statement, 3, "SKIPPED", "',SKIPPED_EMAIL_NOT_MATCHED,'", "''");
            insert(statement, 4, "PENDING", "',PENDING_RECORDING,'", "'" + OWNER + "'");
        }

        flyway(url, null).migrate();

        try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("set search_path to ingest");
            assertThat(reasons(statement, 1)).isEmpty();
            assertThat(participants(statement, 1)).containsExactly(OWNER, TRANSFERRED);
            assertThat(reasons(statement, 2)).containsExactly("SKIPPED_TOO_SHORT", "SKIPPED_NO_RECORDING_SEAT");
            assertThat(participants(statement, 2)).containsExactly(OWNER);
            assertThat(reasons(statement, 3)).containsExactly("SKIPPED_EMAIL_NOT_MATCHED");
            assertThat(participants(statement, 3)).isEmpty();
            assertThat(reasons(statement, 4)).containsExactly("PENDING_RECORDING");

            ResultSet found = statement.executeQuery("select aircall_call_id from call_decisions"
                    + " where reasons @> array['SKIPPED_NO_RECORDING_SEAT'] order by 1");
            assertThat(found.next()).isTrue();
            assertThat(found.getLong(1)).isEqualTo(2);
            assertThat(found.next()).isFalse();
            ResultSet types = statement.executeQuery("select data_type from information_schema.columns where table_schema = 'ingest'"
                    + " and table_name = 'call_decisions' and column_name in ('reasons', 'participant_user_ids')");
            types.next();
            assertThat(types.getString(1)).isEqualTo("ARRAY");
            types.next();
            assertThat(types.getString(1)).isEqualTo("ARRAY");
        }
    }

    @Test
    void theReasonFilterAndTheDecisionsARosterChangeCanAlterAreFoundThroughIndexes() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        String url = server.jdbcUrl(server.database("ingest_plans_" + Long.toHexString(System.nanoTime())));
        flyway(url, null).migrate();
        UUID carol = UUID.randomUUID();
        try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("set search_path to ingest");
            // 20 orgs of 1,000 decisions by 200 users each; Carol's org is one of them.
            statement.execute("insert into call_decisions (org_id, aircall_call_id, outcome, primary_reason, reasons, started_at,"
                    + " duration_seconds, aircall_user_id, aircall_user_email_normalized, recording_present, owner_user_id,"
                    + " participant_user_ids, first_seen_at, decided_at, run_id, delivery_status)"
                    + " select case when i % 20 = 0 then '" + ORG + "'::uuid else md5('org' || (i % 20))::uuid end, i,"
                    + " case when i % 3 = 0 then 'IMPORTED' else 'SKIPPED' end,"
                    + " case when i % 3 = 0 then null else 'SKIPPED_NO_RECORDING_SEAT' end,"
                    + " case when i % 3 = 0 then '{}'::text[] else array['SKIPPED_NO_RECORDING_SEAT'] end,"
                    + " now() - i * interval '1 minute', 90, i % 4000, 'user' || (i % 4000) || '@acme.test', true,"
                    + " md5('user' || (i % 4000))::uuid, array[md5('user' || (i % 4000))::uuid], now(), now(),"
                    + " '" + UUID.randomUUID() + "', 'NONE' from generate_series(1, 20000) i");
            statement.execute("analyze call_decisions");
            statement.execute("set enable_seqscan = off");

            String replayable = CallDecisionRepository.REPLAYABLE
                    .replace(":org", "'" + ORG + "'::uuid").replace(":run", "'" + UUID.randomUUID() + "'::uuid")
                    .replace(":rosterReasons", "'{SKIPPED_EMAIL_NOT_MATCHED,SKIPPED_NO_RECORDING_SEAT}'")
                    .replace(":emails", "'{carol@acme.test,user40@acme.test}'").replace(":aircallIds", "'{7101,60}'")
                    .replace(":users", "'{" + carol + "}'");
            String plan = plan(statement, replayable);
            assertThat(plan).doesNotContain("Seq Scan on call_decisions")
                    .contains("call_decisions_org_email", "call_decisions_skipped_aircall_user", "call_decisions_skipped_owner",
                            "call_decisions_participants");

            String byReason = plan(statement, "select aircall_call_id from call_decisions where org_id = '" + ORG + "'"
                    + " and reasons @> array['SKIPPED_EMAIL_NOT_MATCHED']");
            // Since V11 the reason's own partial index (in list order) answers it; the GIN stays for the replay.
            assertThat(byReason).doesNotContain("Seq Scan").contains("call_decisions_org_reason_skipped_email_not_matched");
        }
    }

    private static String plan(Statement statement, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        ResultSet rows = statement.executeQuery("explain " + query);
        while (rows.next()) {
            plan.append(rows.getString(1)).append('\n');
        }
        return plan.toString();
    }

    private static Flyway flyway(String url, String target) {
        PostgresServer server = PostgresServer.shared();
        var configuration = Flyway.configure().dataSource(url, server.user(), server.password())
                .schemas("ingest").defaultSchema("ingest").locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private static void insert(Statement statement, long callId, String outcome, String reasons, String participants)
            throws SQLException {
        statement.execute("insert into call_decisions (org_id, aircall_call_id, outcome, reasons, started_at, duration_seconds,"
                + " recording_present, participant_user_ids, first_seen_at, decided_at, run_id, delivery_status) values ('"
                + ORG + "', " + callId + ", '" + outcome + "', " + reasons + ", now(), 90, true, " + participants
                + ", now(), now(), '" + UUID.randomUUID() + "', 'NONE')");
    }

    private static List<String> reasons(Statement statement, long callId) throws SQLException {
        return Arrays.asList((String[]) array(statement, "reasons", callId).getArray());
    }

    private static List<UUID> participants(Statement statement, long callId) throws SQLException {
        return Arrays.asList((UUID[]) array(statement, "participant_user_ids", callId).getArray());
    }

    private static Array array(Statement statement, String column, long callId) throws SQLException {
        ResultSet row = statement.executeQuery("select " + column + " from call_decisions where aircall_call_id = " + callId);
        row.next();
        return row.getArray(1);
    }
}
