package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.api.AirspeedApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs are repeatable and incremental: running again changes nothing that did not change in
 * Aircall, and what did change (a recording that arrived late, a call that has since ended, a
 * range an admin chose to backfill) is decided again and imported by a later run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RerunsAndLateCallsIT {

    private LocalStack stack;
    private AirspeedApi api;
    private DemoTenant acme;

    @BeforeAll
    void ingestTheDemoCompany() {
        stack = SystemStack.get();
        api = stack.api();
        acme = DemoTenant.create(stack, "reruns");
    }

    @Test
    void runningIngestionAgainChangesNoDecisionAndImportsNothingTwice() {
        Map<Long, String> before = verdicts(acme.decisions(stack));
        Map<Long, String> callsBefore = visibilityIds();

        api.runIngestion(acme.admin());
        JsonNode third = api.runIngestion(acme.admin());

        assertThat(third.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(third.path("progress").path("fetched").asLong()).isPositive();
        assertThat(verdicts(acme.decisions(stack))).isEqualTo(before);
        assertThat(api.decisionCount(acme.admin(), Map.of())).isEqualTo(before.size());
        // Same calls, same visibility-service ids: the import is an upsert, never a second row.
        assertThat(visibilityIds()).isEqualTo(callsBefore);
        assertThat(api.callCount(acme.admin())).isEqualTo(callsBefore.size());
    }

    @Test
    void aLateRecordingIsImportedOnALaterRun() {
        long late = DemoTenant.callId(DemoCompany.LATE_RECORDING);
        assertThat(api.decision(acme.admin(), late).orElseThrow().path("primaryReason").asText()).isEqualTo("PENDING_RECORDING");
        assertThat(DemoTenant.visibleCalls(stack, acme.member("bob@acme.test"))).doesNotContainKey(late);

        acme.company().attachRecordingNow(late);
        api.runIngestion(acme.admin());

        JsonNode decision = api.decision(acme.admin(), late).orElseThrow();
        assertThat(decision.path("outcome").asText()).isEqualTo("IMPORTED");
        assertThat(decision.path("facts").path("recordingPresent").asBoolean()).isTrue();
        JsonNode bobsView = DemoTenant.visibleCalls(stack, acme.member("bob@acme.test")).get(late);
        assertThat(bobsView).isNotNull();
        assertThat(bobsView.path("ownerUserId").asText()).isEqualTo(acme.user("bob@acme.test").toString());
    }

    @Test
    void aCallInProgressIsImportedByTheFirstRunAfterItEnded() {
        long inProgress = DemoTenant.callId(DemoCompany.IN_PROGRESS);
        assertThat(api.decision(acme.admin(), inProgress).orElseThrow().path("primaryReason").asText())
                .isEqualTo("PENDING_IN_PROGRESS");

        acme.company().finishCallNow(inProgress);
        api.runIngestion(acme.admin());

        assertThat(api.decision(acme.admin(), inProgress).orElseThrow().path("outcome").asText()).isEqualTo("IMPORTED");
        assertThat(DemoTenant.visibleCalls(stack, acme.admin())).containsKey(inProgress);
    }

    @Test
    void anAdminsBackfillOfTheTimeBeforeTheConnectionImportsWhatRule6Skipped() {
        long beforeConnection = DemoTenant.callId(DemoCompany.BEFORE_CONNECTION);
        JsonNode skipped = api.decision(acme.admin(), beforeConnection).orElseThrow();
        assertThat(skipped.path("primaryReason").asText()).isEqualTo("SKIPPED_OUTSIDE_INTEGRATION_WINDOW");
        Instant started = Instant.parse(skipped.path("facts").path("startedAt").asText());

        api.backfillAndWait(acme.admin(), started.minus(Duration.ofDays(1)), started.plus(Duration.ofDays(1)), Duration.ofMinutes(2));

        for (long id : DemoCompany.callIds(DemoCompany.BEFORE_CONNECTION)) {
            assertThat(api.decision(acme.admin(), id).orElseThrow().path("outcome").asText()).as("call %d", id).isEqualTo("IMPORTED");
            assertThat(DemoTenant.visibleCalls(stack, acme.member("carol@acme.test"))).containsKey(id);
        }
    }

    private static Map<Long, String> verdicts(Map<Long, JsonNode> decisions) {
        Map<Long, String> verdicts = new HashMap<>();
        decisions.forEach((id, d) -> verdicts.put(id, d.path("outcome").asText() + "/" + d.path("primaryReason").asText("")));
        return verdicts;
    }

    private Map<Long, String> visibilityIds() {
        Map<Long, String> ids = new HashMap<>();
        DemoTenant.visibleCalls(stack, acme.admin()).forEach((aircallId, call) -> ids.put(aircallId, call.path("id").asText()));
        return ids;
    }
}
