package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.process.ServiceProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The article's remedies, healed by themselves: an admin fixes the cause of a skipped call in
 * users-service, and the call appears in the person's list with nothing else done — no run
 * triggered, no backfill asked for. users-service's roster change feed tells ingest-service, which
 * replays the affected decisions against Aircall.
 */
class RosterReplayIT {

    private static final String CAROL = "carol@acme.test";
    private static final String GRACE = "grace@acme.test";

    private static LocalStack stack;
    private static AirspeedApi api;
    private static DemoTenant acme;

    @BeforeAll
    static void demoIngested() {
        stack = SystemStack.get();
        api = stack.api();
        acme = DemoTenant.create(stack, "replay");
    }

    @Test
    void adminGivesCarolARecordingSeatAndHerSkippedCallsAppearInHerCallList() {
        long carolsCall = DemoCompany.callId(DemoCompany.VIEWER_SEAT);
        assertThat(api.decision(acme.admin(), carolsCall).orElseThrow().path("primaryReason").asText())
                .isEqualTo("SKIPPED_NO_RECORDING_SEAT");
        assertThat(DemoTenant.visibleCalls(stack, acme.member(CAROL))).doesNotContainKey(carolsCall);

        changeUser(acme.user(CAROL), Map.of("seat", "RECORDING"));

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> DemoTenant.visibleCalls(stack, acme.member(CAROL)).containsKey(carolsCall));
        JsonNode decision = api.decision(acme.admin(), carolsCall).orElseThrow();
        assertThat(decision.path("outcome").asText()).isEqualTo("IMPORTED");
        assertThat(causes(decision)).endsWith("SKIPPED_NO_RECORDING_SEAT/BACKFILL", "IMPORTED/REPLAY");
        JsonNode replays = api.http().get(api.ingestUrl() + "/api/replays?page=0&size=20", acme.admin()).expect(200).body();
        assertThat(replays.toString()).contains(acme.user(CAROL).toString());
    }

    @Test
    void aReactivationMadeWhileIngestServiceIsDownIsReplayedOnceItIsBack() {
        long gracesCall = DemoCompany.callId(DemoCompany.DEACTIVATED_USER);
        assertThat(api.decision(acme.admin(), gracesCall).orElseThrow().path("outcome").asText()).isEqualTo("SKIPPED");
        ServiceProcess ingest = stack.service(Service.INGEST);

        ingest.stop();
        try {
            changeUser(acme.user(GRACE), Map.of("active", true));
        } finally {
            ingest.startAndAwaitReady(Duration.ofMinutes(2));
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> DemoTenant.visibleCalls(stack, acme.member(GRACE)).containsKey(gracesCall));
        assertThat(api.decision(acme.admin(), gracesCall).orElseThrow().path("outcome").asText()).isEqualTo("IMPORTED");
    }

    private static void changeUser(UUID userId, Map<String, Object> change) {
        api.http().patch(api.usersUrl() + "/api/users/" + userId, acme.admin(), change).expect(200);
    }

    private static List<String> causes(JsonNode decision) {
        List<String> causes = new ArrayList<>();
        decision.path("history").forEach(h -> causes.add(h.path("outcome").asText().equals("IMPORTED")
                ? "IMPORTED/" + h.path("cause").asText()
                : h.path("reason").asText() + "/" + h.path("cause").asText()));
        return causes;
    }
}
