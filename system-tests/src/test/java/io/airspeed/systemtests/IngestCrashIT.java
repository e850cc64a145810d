package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.api.ApiResponse;
import io.airspeed.localstack.process.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ingest-service SIGKILLed in the middle of a run over 3,000 calls, as a node crash or an OOM kill
 * would do: once it is back, the next run takes over the dead run's org lease when it expires, and
 * in the end every call has exactly one decision and every imported call is in visibility-service
 * exactly once.
 */
class IngestCrashIT {

    private static final int CALLS = 3_000;

    @Test
    void aRunKilledMidwayLosesAndDuplicatesNothingOnceTheServiceIsBack() {
        LocalStack stack = SystemStack.get();
        AirspeedApi api = stack.api();
        LoadTenant crash = LoadTenant.create(stack, "crash", CALLS, 2_000_000_000L);
        String admin = crash.org().adminToken();
        ServiceProcess ingest = stack.service(Service.INGEST);
        // Slow Aircall down so that the run is still going, some pages in, when the process dies.
        crash.company().faults().addLatency(Duration.ofMillis(150));

        JsonNode started = api.startBackfill(admin, crash.backfillFrom(), crash.backfillTo()).expect(202).body();
        UUID killedRun = AirspeedApi.uuid(started, "id");
        AtomicReference<JsonNode> atKill = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            atKill.set(api.backfill(admin, killedRun));
            return atKill.get().path("progress").path("fetched").asLong() >= 500;
        });
        ingest.kill();

        assertThat(atKill.get().path("status").asText()).isEqualTo("RUNNING");
        assertThat(atKill.get().path("progress").path("fetched").asLong()).isLessThan(CALLS);
        assertThat(ingest.isAlive()).isFalse();

        crash.company().faults().clear();
        ingest.startAndAwaitReady(Duration.ofMinutes(2));
        // The dead run still holds the org's lease until it expires (5 s here): 409 until then.
        AtomicReference<ApiResponse> retry = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            retry.set(api.startBackfill(admin, crash.backfillFrom(), crash.backfillTo()));
            assertThat(retry.get().status()).isIn(202, 409);
            return retry.get().is(202);
        });
        JsonNode finished = api.awaitBackfill(admin, AirspeedApi.uuid(retry.get().body(), "id"), Duration.ofMinutes(3));

        assertThat(finished.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(finished.path("progress").path("fetched").asLong()).isEqualTo(CALLS);
        JsonNode killed = api.backfill(admin, killedRun);
        assertThat(killed.path("status").asText()).isEqualTo("FAILED");
        assertThat(killed.path("error").asText()).contains("Abandoned");
        crash.assertEveryCallDecidedOnceAndEveryImportDeliveredOnce(stack);
    }
}
