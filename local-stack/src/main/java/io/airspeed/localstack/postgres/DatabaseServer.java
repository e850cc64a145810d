package io.airspeed.localstack.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The one PostgreSQL server of the stack: a real embedded PostgreSQL (binaries from Maven Central,
 * data in a temporary directory that is deleted on close) or an external server given by URL.
 * Each service gets its own database on it, as in production.
 */
public final class DatabaseServer implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private DatabaseServer(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /** Starts an embedded server; {@code serverConfig} entries become {@code postgres -c name=value}. */
    public static DatabaseServer embedded(Map<String, String> serverConfig) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            serverConfig.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            return new DatabaseServer("localhost", postgres.getPort(), "postgres", "postgres", postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * An external server: {@code postgresql://user:password@host:port} (also {@code postgres://}
     * or {@code jdbc:postgresql://}; a path is ignored, each service gets its own database).
     */
    public static DatabaseServer external(String url) {
        String trimmed = url.trim().replaceFirst("^jdbc:", "");
        URI uri = URI.create(trimmed);
        if (uri.getHost() == null || !(trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://"))) {
            throw new IllegalArgumentException("Not a PostgreSQL URL: " + url
                    + " (expected postgresql://user:password@host:5432)");
        }
        String user = "postgres";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        DatabaseServer server = new DatabaseServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password, null);
        try (Connection ignored = server.connect("postgres")) {
            return server;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the external PostgreSQL at " + server.host + ":" + server.port
                    + " as " + user + ": " + e.getMessage(), e);
        }
    }

    /** Creates the database unless it exists; the name must be a plain lower-case identifier. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database name must be a lower-case identifier: " + name);
        }
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            boolean exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'").next();
            if (!exists) {
                statement.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The URL form the reactive PostgreSQL client of the services expects. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public boolean isEmbedded() {
        return embedded != null;
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

    /** The server's version string, e.g. "17.6". */
    public String version() {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            var result = statement.executeQuery("show server_version");
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop embedded PostgreSQL", e);
            }
        }
    }
}
