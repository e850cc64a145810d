package io.airspeed.systemtests;

import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Direct reads of ingest-service's database, and the one set-up no API offers: an integration
 * "connected two days ago", so that a scheduled run's calls of the last hours pass rule 6.
 */
final class IngestDatabase {

    private final LocalStack stack;

    IngestDatabase(LocalStack stack) {
        this.stack = stack;
    }

    void connectedSince(UUID orgId, Duration ago) throws SQLException {
        Instant since = Instant.now().minus(ago);
        execute("update ingest.connection_windows set opened_at = ? where org_id = ? and closed_at is null", since, orgId);
        execute("update ingest.integrations set first_connected_at = ?, connected_at = ? where org_id = ?", since, since, orgId);
    }

    /** As if the org's last window had closed {@code ago}: a disconnection gap from then until now. */
    void disconnectedSince(UUID orgId, Duration ago) throws SQLException {
        Instant since = Instant.now().minus(ago);
        execute("update ingest.connection_windows set closed_at = ? where org_id = ? and closed_at is not null", since, orgId);
        execute("update ingest.integrations set disconnected_at = ? where org_id = ?", since, orgId);
    }

    Instant scannedUntil(UUID orgId) throws SQLException {
        Timestamp at = (Timestamp) single("select scanned_until from ingest.integrations where org_id = ?", orgId);
        return at == null ? null : at.toInstant();
    }

    /** The org's imported calls still waiting for visibility-service to take them (sent or not). */
    long deliveriesPending(UUID orgId) throws SQLException {
        return ((Number) single("select count(*) from ingest.call_decisions where org_id = ? and delivery_status = 'PENDING'",
                orgId)).longValue();
    }

    long runsOf(UUID orgId) throws SQLException {
        return ((Number) single("select count(*) from ingest.ingestion_runs where org_id = ?", orgId)).longValue();
    }

    private Object single(String query, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement prepared = prepare(connection, query, parameters);
             ResultSet rows = prepared.executeQuery()) {
            rows.next();
            return rows.getObject(1);
        }
    }

    private void execute(String statement, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement prepared = prepare(connection, statement, parameters)) {
            prepared.execute();
        }
    }

    private Connection connect() throws SQLException {
        return stack.database().connect(stack.databaseName(Service.INGEST));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            prepared.setObject(i + 1, parameters[i] instanceof Instant instant ? Timestamp.from(instant) : parameters[i]);
        }
        return prepared;
    }
}
