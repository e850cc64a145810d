package io.airspeed.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at real PostgreSQL (embedded, or external via
 * {@link PostgresServer#EXTERNAL_URL_ENV}). The database name comes from the {@code database}
 * init argument, defaulting to {@code airspeed_test}; Flyway creates the schema as in production.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "airspeed_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        return PostgresServer.shared().quarkusDatasource(database);
    }

    @Override
    public void stop() {
        // The server lives for the whole JVM so that every test class reuses it.
    }
}
