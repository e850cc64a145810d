package io.airspeed.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.demo.LoadOrg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * A backfill of a whole generated Aircall account through the real services, timed from the
 * admin's request to the moment visibility-service holds every imported call: fetched from the
 * simulator, decided, logged, and delivered.
 */
final class IngestionBenchmark {

    record Outcome(LoadOrg org, long calls, long imported, double seconds) {

        double callsPerSecond() {
            return calls / seconds;
        }
    }

    private IngestionBenchmark() {
    }

    static Outcome run(LocalStack stack, LoadDataSet data, String orgName) {
        AirspeedApi api = stack.api();
        LoadOrg org = LoadOrg.create(api, orgName, data);
        String admin = org.adminToken();

        long t0 = System.nanoTime();
        UUID backfill = AirspeedApi.uuid(api.startBackfill(admin, data.from(), data.to()).expect(202).body(), "id");
        JsonNode run = awaitWithProgress(api, admin, backfill, t0);
        if (!"SUCCEEDED".equals(run.path("status").asText())) {
            throw new IllegalStateException("The benchmark backfill ended " + run.path("status").asText() + ": " + run);
        }
        // Counted in the databases: the APIs count exactly only up to 10,000.
        long imported = count(stack, Service.INGEST,
                "select count(*) from ingest.call_decisions where org_id = ? and outcome = 'IMPORTED'", org.orgId());
        while (count(stack, Service.VISIBILITY, "select count(*) from visibility.calls where org_id = ?", org.orgId()) < imported) {
            sleep(Duration.ofMillis(200));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long fetched = run.path("progress").path("fetched").asLong();
        if (fetched != data.callCount()) {
            throw new IllegalStateException("Fetched " + fetched + " of " + data.callCount() + " calls: " + run);
        }
        return new Outcome(org, fetched, imported, seconds);
    }

    static long count(LocalStack stack, Service service, String sql, UUID orgId) {
        try (Connection connection = stack.database().connect(stack.databaseName(service));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, orgId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a poll of a running backfill saw: seconds since it was asked for, calls fetched so far. */
    interface ProgressSample {
        void at(double seconds, long fetched);
    }

    static JsonNode awaitWithProgress(AirspeedApi api, String admin, UUID backfill, long t0) {
        return awaitWithProgress(api, admin, backfill, t0, (seconds, fetched) -> { });
    }

    static JsonNode awaitWithProgress(AirspeedApi api, String admin, UUID backfill, long t0, ProgressSample sample) {
        long lastPrint = System.nanoTime();
        while (true) {
            JsonNode run = api.backfill(admin, backfill);
            sample.at((System.nanoTime() - t0) / 1e9, run.path("progress").path("fetched").asLong());
            if (AirspeedApi.isFinished(run)) {
                return run;
            }
            if (System.nanoTime() - lastPrint > 10e9) {
                lastPrint = System.nanoTime();
                System.out.printf("     %5.0f s: %,d of %,d calls fetched, %d Aircall requests, %d throttled%n",
                        (lastPrint - t0) / 1e9, run.path("progress").path("fetched").asLong(),
                        run.path("progress").path("aircallTotal").asLong(), run.path("aircall").path("requests").asLong(),
                        run.path("aircall").path("throttled").asLong());
            }
            sleep(Duration.ofMillis(200));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
