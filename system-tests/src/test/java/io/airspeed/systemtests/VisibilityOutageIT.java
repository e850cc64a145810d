package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.process.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * visibility-service stopped while a run is importing: the run still decides every call, keeps
 * the imported ones pending delivery instead of dropping them, and delivers them once
 * visibility-service is back, without anybody running ingestion again.
 */
class VisibilityOutageIT {

    private static final int CALLS = 1_000;

    @Test
    void importedCallsWaitForVisibilityServiceAndArriveWhenItReturns() {
        LocalStack stack = SystemStack.get();
        AirspeedApi api = stack.api();
        LoadTenant outage = LoadTenant.create(stack, "outage", CALLS, 3_000_000_000L);
        String admin = outage.org().adminToken();
        ServiceProcess visibility = stack.service(Service.VISIBILITY);
        // 20 pages at 400 ms: the run is still going well after visibility-service has shut down.
        outage.company().faults().addLatency(Duration.ofMillis(400));

        UUID run = AirspeedApi.uuid(api.startBackfill(admin, outage.backfillFrom(), outage.backfillTo()).expect(202).body(), "id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.backfill(admin, run).path("progress").path("fetched").asLong() > 0);
        visibility.stop();
        outage.company().faults().clear();

        JsonNode finished = api.awaitBackfill(admin, run, Duration.ofMinutes(3));
        assertThat(finished.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(finished.path("progress").path("fetched").asLong()).isEqualTo(CALLS);
        assertThat(finished.path("deliveryPending").asLong()).as("imports waiting for visibility-service").isPositive();
        long imported = api.decisionCount(admin, Map.of("outcome", "IMPORTED"));
        assertThat(finished.path("deliveryPending").asLong()).isLessThanOrEqualTo(imported);

        visibility.startAndAwaitReady(Duration.ofMinutes(2));

        outage.assertEveryCallDecidedOnceAndEveryImportDeliveredOnce(stack);
    }
}
