package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.model.Direction;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.api.AirspeedApi.CreatedOrg;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Rule 6 across a disconnection, end to end: connected, calls, disconnected, calls during the gap,
 * reconnected, calls. The windows are opened and closed by the API at the moment it is called; the
 * calls are placed between those moments by their start times in the simulator.
 */
class DisconnectionGapIT {

    private static final AtomicLong IDS = new AtomicLong(880_000_001L);

    @Test
    void callsDuringTheGapAreSkippedAndTheIntegrationShowsBothWindows() throws InterruptedException {
        LocalStack stack = SystemStack.get();
        AirspeedApi api = stack.api();
        SimulatedUser hana = SimulatedUser.of(9301, "Hana Gap", "hana@gap.test", Instant.parse("2024-01-01T00:00:00Z"));
        SimulatedCompany company = stack.simulator().addCompany(CompanySpec.builder("gap").name("Gap Inc")
                .credentials("gap-id", "gap-token").users(List.of(hana)).build());
        CreatedOrg org = api.createOrg("Gap Inc", "hana@gap.test", "Hana Gap");
        String admin = stack.tokens().admin(org.orgId(), org.adminUserId(), "hana@gap.test");

        Instant connected = Instant.parse(api.connectAircall(admin, "gap-id", "gap-token").path("connectedAt").asText());
        SimulatedCall before = callAfter(company, hana, connected);

        String ingest = api.ingestUrl() + "/api/integrations/aircall";
        api.http().delete(ingest, admin).expect(204);
        Instant disconnected = Instant.parse(api.integration(admin).path("windows").get(0).path("to").asText());
        assertThat(before.startedAt()).isLessThan(disconnected.getEpochSecond());
        SimulatedCall duringGap = callAfter(company, hana, disconnected);
        SimulatedCall alsoDuringGap = callAfter(company, hana, Instant.ofEpochSecond(duringGap.startedAt()));

        Instant reconnected = Instant.parse(api.connectAircall(admin, "gap-id", "gap-token").path("connectedAt").asText());
        assertThat(alsoDuringGap.startedAt()).isLessThan(reconnected.getEpochSecond());
        SimulatedCall after = callAfter(company, hana, reconnected);
        // Ingestion reads the past: wait until the last call has ended.
        while (Instant.now().getEpochSecond() <= after.endedAt()) {
            Thread.sleep(200);
        }

        JsonNode run = api.runIngestion(admin);
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("kind").asText()).isEqualTo("SCHEDULED");

        for (SimulatedCall gap : List.of(duringGap, alsoDuringGap)) {
            JsonNode decision = api.decision(admin, gap.id()).orElseThrow();
            assertThat(decision.path("outcome").asText()).isEqualTo("SKIPPED");
            assertThat(decision.path("primaryReason").asText()).isEqualTo("SKIPPED_OUTSIDE_INTEGRATION_WINDOW");
        }
        for (SimulatedCall connectedCall : List.of(before, after)) {
            JsonNode decision = api.decision(admin, connectedCall.id()).orElseThrow();
            // Short calls, so that the test need not wait a minute for them to end: skipped for their length, never for rule 6.
            assertThat(decision.path("primaryReason").asText()).isEqualTo("SKIPPED_TOO_SHORT");
            assertThat(decision.path("reasons").toString()).doesNotContain("SKIPPED_OUTSIDE_INTEGRATION_WINDOW");
        }
        assertThat(api.decisionCount(admin, Map.of("reason", "SKIPPED_OUTSIDE_INTEGRATION_WINDOW"))).isEqualTo(2);

        JsonNode integration = api.integration(admin);
        assertThat(integration.path("status").asText()).isEqualTo("CONNECTED");
        JsonNode windows = integration.path("windows");
        assertThat(windows).hasSize(2);
        Instant firstFrom = Instant.parse(windows.get(0).path("from").asText());
        Instant firstTo = Instant.parse(windows.get(0).path("to").asText());
        Instant secondFrom = Instant.parse(windows.get(1).path("from").asText());
        assertThat(firstFrom).isCloseTo(connected, within(1, ChronoUnit.MILLIS));
        assertThat(firstTo).isEqualTo(disconnected);
        assertThat(windows.get(1).hasNonNull("to")).as("the second window is open").isFalse();
        assertThat(secondFrom).isCloseTo(reconnected, within(1, ChronoUnit.MILLIS));
        // The gap lies between the windows, and the gap's calls inside it.
        assertThat(firstTo).isBefore(Instant.ofEpochSecond(duringGap.startedAt()));
        assertThat(Instant.ofEpochSecond(alsoDuringGap.startedAt())).isBefore(secondFrom);
    }

    /**
     * A 3-second call (too short to import) that starts on the first whole second after {@code instant};
     * returns once that second is over.
     */
    private static SimulatedCall callAfter(SimulatedCompany company, SimulatedUser user, Instant instant)
            throws InterruptedException {
        long start = instant.getEpochSecond() + 1;
        while (Instant.now().getEpochSecond() < start) {
            Thread.sleep(100);
        }
        SimulatedCall call = company.addCall(SimulatedCall.builder().id(IDS.getAndIncrement()).direction(Direction.OUTBOUND)
                .startedAt(start).answeredAt(start + 1).endedAt(start + 3).rawDigits("+49 30 7654321").user(user)
                .number(DemoCompany.SALES_LINE).build());
        // The next step (disconnect, reconnect) then happens in a later second than the call's start.
        while (Instant.now().getEpochSecond() <= start) {
            Thread.sleep(100);
        }
        return call;
    }
}
