package io.airspeed.benchmarks;

import io.airspeed.localstack.postgres.DatabaseServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The floor the ingestion is compared with: the very rows the run wrote (its decisions in ingest's
 * database, its calls and participants in visibility's), inserted again into copies of the same
 * tables, with the same indexes, in the same PostgreSQL, by batched JDBC statements. No HTTP, no
 * rules, no Aircall: only the writes.
 */
final class BaselineInserts {

    static final int BATCH = 1_000;

    record Outcome(long rows, double seconds) {
    }

    private BaselineInserts() {
    }

    static Outcome run(DatabaseServer server, String ingestDatabase, String visibilityDatabase, UUID orgId) throws SQLException {
        long rows = 0;
        double seconds = 0;
        for (String[] table : List.of(new String[] {ingestDatabase, "ingest.call_decisions"},
                new String[] {visibilityDatabase, "visibility.calls"}, new String[] {visibilityDatabase, "visibility.call_participants"})) {
            Outcome copied = copy(server, table[0], table[1], orgId);
            rows += copied.rows();
            seconds += copied.seconds();
        }
        return new Outcome(rows, seconds);
    }

    private static Outcome copy(DatabaseServer server, String database, String table, UUID orgId) throws SQLException {
        String copy = table + "_baseline";
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database) + "?reWriteBatchedInserts=true",
                server.user(), server.password())) {
            List<String> columns = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select * from " + table + " where org_id = ?")) {
                select.setObject(1, orgId);
                try (ResultSet result = select.executeQuery()) {
                    ResultSetMetaData meta = result.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(meta.getColumnName(i));
                    }
                    while (result.next()) {
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = result.getObject(i + 1);
                        }
                        rows.add(row);
                    }
                }
            }
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("drop table if exists " + copy);
                ddl.execute("create table " + copy + " (like " + table + " including all)");
            }
            String insert = "insert into " + copy + " (" + String.join(", ", columns) + ") values ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
            connection.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                int inBatch = 0;
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        statement.setObject(i + 1, row[i]);
                    }
                    statement.addBatch();
                    if (++inBatch == BATCH) {
                        statement.executeBatch();
                        connection.commit();
                        inBatch = 0;
                    }
                }
                statement.executeBatch();
                connection.commit();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            connection.setAutoCommit(true);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("drop table " + copy);
            }
            return new Outcome(rows.size(), seconds);
        }
    }
}
