package io.airspeed.localstack;

/** The three Airspeed services: their module, their database and the port the product spec gives them. */
public enum Service {
    USERS("users-service", "users", 8081),
    INGEST("ingest-service", "ingest", 8082),
    VISIBILITY("visibility-service", "visibility", 8083);

    private final String module;
    private final String database;
    private final int defaultPort;

    Service(String module, String database, int defaultPort) {
        this.module = module;
        this.database = database;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public String database() {
        return database;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
