package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.data.ScenarioCall;
import io.airspeed.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the customer-facing article, end to end: an Aircall call in the simulator, the
 * decision ingest-service records for it, and who sees the imported call in visibility-service.
 * The demo company holds one call per scenario; the demo org holds the users each scenario needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesEndToEndIT {

    private LocalStack stack;
    private DemoTenant acme;
    private Map<Long, JsonNode> decisions;
    private Map<Long, JsonNode> adminSees;

    @BeforeAll
    void ingestTheDemoCompany() {
        stack = SystemStack.get();
        acme = DemoTenant.create(stack, "rules");
        decisions = acme.decisions(stack);
        adminSees = DemoTenant.visibleCalls(stack, acme.admin());
    }

    static Stream<ScenarioCall> scenarios() {
        return DemoCompany.scenarios().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eachDemoCallGetsTheDecisionOfItsRuleAndIsVisibleOnlyIfImported(ScenarioCall scenario) {
        // "PENDING_RECORDING, then IMPORTED": the first run's decision is the first part.
        String expected = scenario.expectedOutcome().split(",")[0].trim();
        JsonNode decision = decisions.get(scenario.callId());

        assertThat(decision).as("decision of call %d (%s)", scenario.callId(), scenario.scenario()).isNotNull();
        if (expected.equals("IMPORTED")) {
            assertThat(decision.path("outcome").asText()).isEqualTo("IMPORTED");
            assertThat(decision.path("primaryReason").isMissingNode()).isTrue();
            assertThat(adminSees).containsKey(scenario.callId());
        } else {
            assertThat(decision.path("outcome").asText()).isEqualTo(expected.startsWith("PENDING") ? "PENDING" : "SKIPPED");
            assertThat(decision.path("primaryReason").asText()).isEqualTo(expected);
            assertThat(texts(decision.path("reasons"))).contains(expected);
            assertThat(decision.path("explanation").asText()).isNotBlank();
            assertThat(adminSees).doesNotContainKey(scenario.callId());
        }
    }

    @Test
    void everyFetchedCallHasExactlyOneDecision() {
        Set<Long> demoCalls = DemoCompany.scenarios().stream().map(ScenarioCall::callId).collect(Collectors.toSet());
        assertThat(decisions.keySet()).isEqualTo(demoCalls);
        assertThat(stack.api().decisionCount(acme.admin(), Map.of())).isEqualTo(demoCalls.size());
    }

    @Test
    void theRunCountsItsDecisionsPerOutcomeAndReason() {
        JsonNode run = acme.ingestion().run();
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("progress").path("fetched").asLong()).isEqualTo(21);
        assertThat(run.path("outcomes").path("IMPORTED").asLong()).isEqualTo(10);
        assertThat(run.path("outcomes").path("SKIPPED").asLong()).isEqualTo(9);
        assertThat(run.path("outcomes").path("PENDING").asLong()).isEqualTo(2);
        assertThat(run.path("reasons").path("SKIPPED_OUTSIDE_INTEGRATION_WINDOW").asLong()).isEqualTo(2);
        assertThat(run.path("reasons").path("SKIPPED_EMAIL_NOT_MATCHED").asLong()).isEqualTo(2);
        assertThat(run.path("reasons").path("SKIPPED_NO_RECORDING_SEAT").asLong()).isEqualTo(2);
        assertThat(run.path("deliveryPending").asLong()).isZero();
    }

    @Test
    void importedCallsBelongToTheAirspeedUserTheAircallUserMapsTo() {
        assertThat(owner(DemoCompany.callIds(DemoCompany.IMPORTED_NORMAL).get(0))).isEqualTo(acme.user("alice@acme.test").toString());
        // Rule 1: Bob@Acme.TEST after trimming and lower-casing, an alias email, an Aircall user id.
        assertThat(owner(DemoTenant.callId(DemoCompany.EMAIL_CASE_VARIANT))).isEqualTo(acme.user("bob@acme.test").toString());
        assertThat(owner(DemoTenant.callId(DemoCompany.ALIAS_MATCH))).isEqualTo(acme.user("dave@acme.test").toString());
        assertThat(owner(DemoTenant.callId(DemoCompany.AIRCALL_ID_MATCH))).isEqualTo(acme.user("frank@acme.test").toString());
    }

    @Test
    void aTransferredCallHasBothAirspeedUsersAsParticipants() {
        JsonNode transferred = adminSees.get(DemoTenant.callId(DemoCompany.TRANSFERRED));
        assertThat(texts(transferred.path("participantUserIds")))
                .containsExactlyInAnyOrder(acme.user("alice@acme.test").toString(), acme.user("bob@acme.test").toString());
    }

    @Test
    void everyActiveUserSeesEveryPublicCallAndNothingElse() {
        Set<Long> imported = decisions.values().stream().filter(d -> d.path("outcome").asText().equals("IMPORTED"))
                .map(d -> d.path("aircallCallId").asLong()).collect(Collectors.toSet());
        assertThat(adminSees.keySet()).isEqualTo(imported);
        assertThat(adminSees.values()).allSatisfy(call -> assertThat(call.path("visibility").asText()).isEqualTo("PUBLIC"));
        // Carol has a Viewer seat: her own calls are not imported (rule 2), yet she sees the org's public calls.
        for (String member : List.of("bob@acme.test", "carol@acme.test", "dave@acme.test", "frank@acme.test")) {
            assertThat(DemoTenant.visibleCalls(stack, acme.member(member)).keySet()).as(member).isEqualTo(imported);
        }
    }

    @Test
    void callsThatWereNotImportedDoNotExistInVisibilityService() {
        decisions.values().stream().filter(d -> !d.path("outcome").asText().equals("IMPORTED")).forEach(decision -> {
            JsonNode access = stack.api().access(acme.org().orgId(), decision.path("aircallCallId").asLong(),
                    acme.user("alice@acme.test"));
            assertThat(access.path("exists").asBoolean()).as("call %s", decision.path("aircallCallId")).isFalse();
        });
    }

    @Test
    void theDecisionLogAnswersByReasonAndByAircallUserEmail() {
        List<JsonNode> unmatched = stack.api().allDecisions(acme.admin(), Map.of("reason", "SKIPPED_EMAIL_NOT_MATCHED"));
        assertThat(unmatched).extracting(d -> d.path("aircallCallId").asLong()).containsExactlyInAnyOrder(
                DemoTenant.callId(DemoCompany.UNKNOWN_EMAIL), DemoTenant.callId(DemoCompany.SHARED_INBOX));
        List<JsonNode> daves = stack.api().allDecisions(acme.admin(), Map.of("email", "Dave.Sales@acme.test "));
        assertThat(daves).extracting(d -> d.path("aircallCallId").asLong())
                .containsExactly(DemoTenant.callId(DemoCompany.ALIAS_MATCH));
    }

    private String owner(long aircallCallId) {
        return adminSees.get(aircallCallId).path("ownerUserId").asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
