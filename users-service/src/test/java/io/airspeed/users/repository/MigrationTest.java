package io.airspeed.users.repository;

import io.airspeed.testsupport.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrations production runs at start build the whole schema on an empty database. */
class MigrationTest {

    @Test
    void migrationsApplyToAnEmptyDatabase() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        String database = server.database("users_migration_" + Long.toHexString(System.nanoTime()));
        String url = server.jdbcUrl(database);

        var result = Flyway.configure()
                .dataSource(url, server.user(), server.password())
                .schemas("users").defaultSchema("users")
                .locations("classpath:db/migration")
                .load().migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
        try (Connection connection = DriverManager.getConnection(url, server.user(), server.password())) {
            assertThat(names(connection, "select table_name from information_schema.tables where table_schema = 'users'"))
                    .contains("orgs", "users", "aircall_identities");
            assertThat(names(connection, "select indexname from pg_indexes where schemaname = 'users'"))
                    .contains("users_org_email_uq", "aircall_identities_org_kind_value_uq");
        }
    }

    private static List<String> names(Connection connection, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
