package io.airspeed.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.demo.LoadOrg;
import io.airspeed.localstack.process.ServiceProcess;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The outbox after an outage of visibility-service: an org's calls are ingested while
 * visibility-service is stopped, so every imported call waits PENDING in ingest's outbox; then
 * visibility-service starts again and the backlog drains. Timed from the moment the backlog is
 * due (the outage's backoff is made to run out at once: the drain, not the backoff, is measured)
 * to the moment no delivery is pending and visibility-service holds every imported call.
 */
final class OutboxDrainBenchmark {

    /** Issue 13's floor for the drain. */
    static final double FLOOR_CALLS_PER_SECOND = 2_000;

    record Outcome(long backlog, double seconds) {

        double callsPerSecond() {
            return backlog / seconds;
        }
    }

    private OutboxDrainBenchmark() {
    }

    static Outcome run(LocalStack stack, int calls) throws SQLException {
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(40));
        LoadDataSet data = LoadDataSet.builder().company("drain", "Drain").credentials("drain-id", "drain-token")
                .calls(calls).users(50).range(to.minus(Duration.ofDays(30)), to).rateLimit(RateLimit.UNLIMITED)
                .firstCallId(6_000_000_000L).build();
        stack.simulator().addCompany(data.spec());
        AirspeedApi api = stack.api();
        // The org and its roster are created while visibility-service is up (it receives the roster's changes).
        LoadOrg org = LoadOrg.create(api, "Bench drain", data);
        String admin = org.adminToken();

        ServiceProcess visibility = stack.service(Service.VISIBILITY);
        visibility.stop();
        long t0 = System.nanoTime();
        UUID backfill = AirspeedApi.uuid(api.startBackfill(admin, data.from(), data.to()).expect(202).body(), "id");
        JsonNode run = IngestionBenchmark.awaitWithProgress(api, admin, backfill, t0);
        if (!"SUCCEEDED".equals(run.path("status").asText())) {
            throw new IllegalStateException("The drain benchmark's backfill ended " + run.path("status").asText() + ": " + run);
        }
        // Counted in the databases: the APIs count exactly only up to 10,000.
        long imported = IngestionBenchmark.count(stack, Service.INGEST,
                "select count(*) from ingest.call_decisions where org_id = ? and outcome = 'IMPORTED'", org.orgId());
        String url = stack.database().jdbcUrl(stack.databaseName(Service.INGEST));
        try (Connection ingest = DriverManager.getConnection(url, stack.database().user(), stack.database().password())) {
            long backlog = pending(ingest, org.orgId());
            System.out.printf("     %,d calls ingested with visibility-service stopped: %,d imported, %,d deliveries pending%n",
                    run.path("progress").path("fetched").asLong(), imported, backlog);
            visibility.startAndAwaitReady(Duration.ofMinutes(3));

            long start = System.nanoTime();
            try (PreparedStatement due = ingest.prepareStatement("update ingest.call_decisions set next_delivery_at = now()"
                    + " where org_id = ? and delivery_status = 'PENDING'")) {
                due.setObject(1, org.orgId());
                due.executeUpdate();
            }
            long lastPrint = start;
            while (pending(ingest, org.orgId()) > 0) {
                IngestionBenchmark.sleep(Duration.ofMillis(100));
                if (System.nanoTime() - lastPrint > 10e9) {
                    lastPrint = System.nanoTime();
                    System.out.printf("     %5.0f s: %,d deliveries pending%n", (lastPrint - start) / 1e9, pending(ingest, org.orgId()));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long held = IngestionBenchmark.count(stack, Service.VISIBILITY,
                    "select count(*) from visibility.calls where org_id = ?", org.orgId());
            if (held != imported) {
                throw new IllegalStateException("visibility-service holds " + held + " of " + imported + " imported calls");
            }
            return new Outcome(backlog, seconds);
        }
    }

    private static long pending(Connection ingest, UUID orgId) throws SQLException {
        try (PreparedStatement count = ingest.prepareStatement(
                "select count(*) from ingest.call_decisions where org_id = ? and delivery_status = 'PENDING'")) {
            count.setObject(1, orgId);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
