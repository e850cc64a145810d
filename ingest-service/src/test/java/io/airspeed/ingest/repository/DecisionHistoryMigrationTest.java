package io.airspeed.ingest.repository;

import io.airspeed.testsupport.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Decisions made before the history existed each get one entry from their current state, caused by their run's kind. */
class DecisionHistoryMigrationTest {

    @Test
    void everyExistingDecisionStartsItsHistoryWithItsCurrentStateUnderItsRunsKind() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        String database = server.database("ingest_history_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        String url = server.jdbcUrl(database);
        Flyway.configure().dataSource(url, server.user(), server.password()).schemas("ingest").defaultSchema("ingest")
                .locations("classpath:db/migration").target("4").load().migrate();

        UUID org = UUID.randomUUID();
        UUID scheduled = UUID.randomUUID();
        UUID backfill = UUID.randomUUID();
        try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
             Statement sql = connection.createStatement()) {
            sql.execute("set search_path to ingest");
            for (String[] run : new String[][] {{scheduled.toString(), "SCHEDULED"}, {backfill.toString(), "BACKFILL"}}) {
                sql.execute("insert into ingestion_runs (id, org_id, kind, status, trigger, window_from, window_to, cursor_at,"
                        + " created_at, heartbeat_at) values ('" + run[0] + "', '" + org + "', '" + run[1] + "', 'SUCCEEDED', 'cron',"
                        + " now(), now(), now(), now(), now())");
            }
            decision(sql, org, 1, "IMPORTED", null, scheduled);
            decision(sql, org, 2, "SKIPPED", "SKIPPED_TOO_SHORT", backfill);
            decision(sql, org, 3, "PENDING", "PENDING_RECORDING", scheduled);
        }

        Flyway.configure().dataSource(url, server.user(), server.password()).schemas("ingest").defaultSchema("ingest")
                .locations("classpath:db/migration").load().migrate();

        List<String> history = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select h.aircall_call_id, h.outcome, h.reason, h.cause, h.run_id = d.run_id,"
                     + " h.decided_at = d.decided_at from ingest.call_decision_history h join ingest.call_decisions d"
                     + " on d.org_id = h.org_id and d.aircall_call_id = h.aircall_call_id order by h.aircall_call_id")) {
            while (rows.next()) {
                history.add(rows.getLong(1) + " " + rows.getString(2) + " " + rows.getString(3) + " " + rows.getString(4)
                        + " " + rows.getBoolean(5) + " " + rows.getBoolean(6));
            }
        }
        assertThat(history).containsExactly(
                "1 IMPORTED null RUN true true",
                "2 SKIPPED SKIPPED_TOO_SHORT BACKFILL true true",
                "3 PENDING PENDING_RECORDING RUN true true");
    }

    private static void decision(Statement sql, UUID org, long callId, String outcome, String reason, UUID run) throws SQLException {
        sql.execute("insert into call_decisions (org_id, aircall_call_id, outcome, primary_reason, reasons, started_at,"
                + " duration_seconds, recording_present, first_seen_at, decided_at, run_id, delivery_status) values ('"
                + org + "', " + callId + ", '" + outcome + "', " + (reason == null ? "null" : "'" + reason + "'") + ", '', now(),"
                + " 120, true, now(), now() - interval '" + callId + " hours', '" + run + "', 'NONE')");
    }
}
