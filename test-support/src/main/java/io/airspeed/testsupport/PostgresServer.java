package io.airspeed.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One PostgreSQL server per JVM: the external one named by {@code AIRSPEED_TEST_POSTGRES_URL}
 * ({@code postgresql://user:password@host:port}) when set, otherwise a real embedded PostgreSQL
 * started on first use and stopped when the JVM exits.
 *
 * <p>Each caller asks for a database by name, so services that share a server in one JVM (the
 * system tests, the local stack) each get their own database, as in production.
 */
public final class PostgresServer {

    public static final String EXTERNAL_URL_ENV = "AIRSPEED_TEST_POSTGRES_URL";

    private static PostgresServer instance;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;
    private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();

    private PostgresServer(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /**
     * Where this JVM's server listens. A JVM-wide system property, because Quarkus test profiles
     * reload this class in a new class loader: the reloaded class must find the running server
     * instead of starting a second one.
     */
    private static final String RUNNING_URL_PROPERTY = "airspeed.test.postgres.running-url";

    public static synchronized PostgresServer shared() {
        if (instance == null) {
            String external = System.getenv(EXTERNAL_URL_ENV);
            String running = System.getProperty(RUNNING_URL_PROPERTY);
            instance = start(external != null && !external.isBlank() ? external : running);
            System.setProperty(RUNNING_URL_PROPERTY, "postgresql://" + instance.user + ":" + instance.password + "@"
                    + instance.host + ":" + instance.port);
        }
        return instance;
    }

    private static PostgresServer start(String externalUrl) {
        if (externalUrl != null && !externalUrl.isBlank()) {
            URI uri = URI.create(externalUrl.trim());
            String[] credentials = uri.getUserInfo() == null ? new String[] {"postgres", "postgres"}
                    : uri.getUserInfo().split(":", 2);
            return new PostgresServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), credentials[0],
                    credentials.length > 1 ? credentials[1] : "", null);
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
            PostgresServer server = new PostgresServer("localhost", postgres.getPort(), "postgres", "postgres", postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopEmbedded, "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /** Creates the database if it does not exist yet; returns its name. */
    public String database(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database name must be a lower-case identifier: " + name);
        }
        if (createdDatabases.add(name)) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                 Statement statement = connection.createStatement()) {
                var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
                if (!exists.next()) {
                    statement.execute("create database " + name);
                }
            } catch (SQLException e) {
                createdDatabases.remove(name);
                throw new IllegalStateException("Could not create database " + name, e);
            }
        }
        return name;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** Quarkus datasource properties (reactive for Hibernate Reactive, JDBC for Flyway only). */
    public Map<String, String> quarkusDatasource(String database) {
        database(database);
        return Map.of(
                "quarkus.datasource.reactive.url", reactiveUrl(database),
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private void stopEmbedded() {
        try {
            if (embedded != null) {
                embedded.close();
            }
        } catch (IOException ignored) {
            // The JVM is exiting; the data directory is temporary anyway.
        }
    }
}
