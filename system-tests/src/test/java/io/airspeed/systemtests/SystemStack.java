package io.airspeed.systemtests;

import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;

import java.nio.file.Path;
import java.util.UUID;

/**
 * One stack for the whole test JVM: starting PostgreSQL and three service JVMs takes the better part
 * of half a minute on two cores, so test classes share it and stay apart by each using orgs and
 * Aircall companies of their own. A shutdown hook of the stack stops everything when the JVM exits.
 */
final class SystemStack {

    private static LocalStack stack;

    private SystemStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            Path root = LocalStack.findRepositoryRoot();
            String externalPostgres = System.getenv("AIRSPEED_TEST_POSTGRES_URL");
            Path logs = root.resolve("system-tests/target/stack-logs");
            LocalStack.Builder builder = LocalStack.builder()
                    .root(root)
                    .logDirectory(logs)
                    // Companies are added per test class; no rate limit here, the ingest-service tests cover throttling.
                    .simulator(simulator -> simulator.unthrottled(true))
                    .env(Service.INGEST, "INGEST_AIRCALL_RATE_LIMIT_PER_MINUTE", "0")
                    .env(Service.INGEST, "INGEST_AIRCALL_BACKOFF_INITIAL", "PT0.05S")
                    .env(Service.INGEST, "INGEST_AIRCALL_BACKOFF_MAX", "PT0.5S")
                    // The demo's ten-day-old calls must be read by the first scheduled run (rule 6).
                    .env(Service.INGEST, "INGEST_INITIAL_LOOKBACK", "P11D")
                    // A SIGKILLed run's lease must expire within the test, not after the production 2 minutes.
                    .env(Service.INGEST, "INGEST_RUNS_LEASE_TTL", "PT5S")
                    // Renewed every second, so that a loaded machine delaying a renewal or two does not lose it.
                    .env(Service.INGEST, "INGEST_RUNS_LEASE_RENEW_EVERY", "PT1S")
                    // A 429 whose reset is unusable is waited out 2 s, not the production minute (TwoIngestReplicasIT).
                    .env(Service.INGEST, "INGEST_AIRCALL_THROTTLE_FALLBACK_WAIT", "PT2S")
                    // Deliveries to a visibility-service that came back must not wait minutes of backoff.
                    .env(Service.INGEST, "INGEST_DELIVERY_RETRY_EVERY", "1s")
                    .env(Service.INGEST, "INGEST_DELIVERY_RETRY_INITIAL", "PT0.5S")
                    .env(Service.INGEST, "INGEST_DELIVERY_RETRY_MAX", "PT2S")
                    // Deliveries are counted where they arrive (VisibilityRequests): an access log of the delivery endpoint only.
                    .env(Service.VISIBILITY, "QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true")
                    .env(Service.VISIBILITY, "QUARKUS_HTTP_ACCESS_LOG_LOG_TO_FILE", "true")
                    .env(Service.VISIBILITY, "QUARKUS_HTTP_ACCESS_LOG_LOG_DIRECTORY", logs.toAbsolutePath().toString())
                    .env(Service.VISIBILITY, "QUARKUS_HTTP_ACCESS_LOG_BASE_FILE_NAME", VisibilityRequests.ACCESS_LOG)
                    .env(Service.VISIBILITY, "QUARKUS_HTTP_ACCESS_LOG_ROTATE", "false")
                    .env(Service.VISIBILITY, "QUARKUS_HTTP_ACCESS_LOG_PATTERN", VisibilityRequests.PATTERN)
                    .env(Service.VISIBILITY, "QUARKUS_HTTP_ACCESS_LOG_EXCLUDE_PATTERN", VisibilityRequests.EXCLUDE)
                    // A bulk delivery's path names no call: visibility-service logs the calls of each one it took.
                    .env(Service.VISIBILITY, VisibilityRequests.BULK_LOG_LEVEL, "DEBUG")
                    // A roster change users-service could not deliver to a stopped ingest-service is retried
                    // within seconds of its return, not after minutes of backoff (RosterReplayIT).
                    .env(Service.USERS, "USERS_ROSTER_CHANGES_RETRY_MAX", "PT2S")
                    .progress(line -> System.out.println("[system-stack] " + line));
            if (externalPostgres != null && !externalPostgres.isBlank()) {
                builder.postgresUrl(externalPostgres)
                        .databasePrefix("st" + UUID.randomUUID().toString().substring(0, 8) + "_");
            }
            stack = builder.start();
        }
        return stack;
    }
}
