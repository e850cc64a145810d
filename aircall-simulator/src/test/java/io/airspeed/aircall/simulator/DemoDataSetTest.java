package io.airspeed.aircall.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.data.ScenarioCall;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.aircall.simulator.support.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DemoDataSetTest {

    static final Instant ANCHOR = Instant.parse("2026-03-02T12:00:00Z");

    static final Set<String> EVERY_SCENARIO = Set.of("imported-normal", "too-short", "exactly-60-s",
            "missed-without-user", "unknown-email", "shared-inbox", "email-case-variant", "alias-match",
            "aircall-id-match", "viewer-seat", "deactivated-user", "no-recording", "late-recording", "in-progress",
            "before-connection", "transferred", "private-worthy");

    private static Map<String, SimulatedCall> firstCallByScenario(List<SimulatedCall> calls) {
        return calls.stream().collect(Collectors.toMap(SimulatedCall::scenario, Function.identity(), (a, b) -> a));
    }

    @Test
    void coversEveryScenarioWithNamedCalls() {
        List<ScenarioCall> scenarios = DemoCompany.scenarios();

        assertThat(scenarios).extracting(ScenarioCall::scenario).containsAll(EVERY_SCENARIO);
        assertThat(scenarios.stream().map(ScenarioCall::scenario).collect(Collectors.toSet())).isEqualTo(EVERY_SCENARIO);
        assertThat(scenarios).allSatisfy(s -> assertThat(s.rule()).isNotBlank())
                .allSatisfy(s -> assertThat(s.expectedOutcome()).isNotBlank());
        assertThat(scenarios.stream().filter(s -> s.scenario().equals("imported-normal")).count()).isGreaterThanOrEqualTo(3);
        List<SimulatedCall> calls = DemoCompany.calls(ANCHOR, 42);
        assertThat(calls).extracting(SimulatedCall::id)
                .containsExactlyElementsOf(scenarios.stream().map(ScenarioCall::callId).toList());
        assertThat(calls).allSatisfy(c -> assertThat(DemoCompany.callIds(c.scenario())).contains(c.id()));
    }

    @Test
    void keepsTheAgreedUsersAndEmails() {
        assertThat(DemoCompany.users()).extracting(SimulatedUser::id, SimulatedUser::name, SimulatedUser::email)
                .containsExactly(
                        tuple(1001L, "Alice Admin", "alice@acme.test"),
                        tuple(1002L, "Bob Member", "Bob@Acme.TEST"),
                        tuple(1003L, "Carol Viewer", "carol@acme.test"),
                        tuple(1004L, "Dave Sales", "dave.sales@acme.test"),
                        tuple(1005L, "Support Inbox", "support@acme.test"),
                        tuple(1006L, "Erin Contractor", "erin@contractor.test"),
                        tuple(1007L, "Frank Field", "frank.field@gmail.test"),
                        tuple(1008L, "Grace Gone", "grace@acme.test"));
    }

    @Test
    void usesTheCredentialsOfAcmeDemo() {
        try (AircallSimulator simulator = AircallSimulator.builder().withDemoCompany().start()) {
            assertThat(simulator.demo().name()).isEqualTo("Acme demo");
            assertThat(ApiClient.basic(simulator, "demo-api-id", "demo-api-token").get("/v1/ping").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void placesCallsInTheFortyEightHoursBeforeTheAnchorExceptBeforeConnection() {
        long anchor = ANCHOR.getEpochSecond();
        for (SimulatedCall c : DemoCompany.calls(ANCHOR, 7)) {
            if (c.scenario().equals(DemoCompany.BEFORE_CONNECTION)) {
                assertThat(anchor - c.startedAt()).as("call %s", c.id())
                        .isBetween(Duration.ofDays(10).minusHours(3).toSeconds(), Duration.ofDays(10).toSeconds());
            } else {
                assertThat(c.startedAt()).as("call %s", c.id()).isBetween(anchor - 48 * 3600, anchor);
            }
        }
    }

    @Test
    void eachScenarioCallHasTheShapeItsRuleNeeds() {
        Map<String, SimulatedCall> calls = firstCallByScenario(DemoCompany.calls(ANCHOR, 42));
        long anchor = ANCHOR.getEpochSecond();

        assertThat(calls.get("too-short").duration()).isEqualTo(59);
        assertThat(calls.get("exactly-60-s").duration()).isEqualTo(60);
        SimulatedCall missed = calls.get("missed-without-user");
        assertThat(missed.user()).isNull();
        assertThat(missed.answeredAt()).isNull();
        assertThat(missed.missedCallReason()).isNotNull();
        assertThat(missed.duration()).isGreaterThanOrEqualTo(60);
        assertThat(missed.voicemailAvailableAt()).isNotNull();
        assertThat(calls.get("unknown-email").user().id()).isEqualTo(DemoCompany.ERIN);
        assertThat(calls.get("shared-inbox").user().id()).isEqualTo(DemoCompany.SUPPORT_INBOX);
        assertThat(calls.get("email-case-variant").user().email()).isEqualTo("Bob@Acme.TEST");
        assertThat(calls.get("alias-match").user().id()).isEqualTo(DemoCompany.DAVE);
        assertThat(calls.get("aircall-id-match").user().id()).isEqualTo(DemoCompany.FRANK);
        assertThat(calls.get("viewer-seat").user().id()).isEqualTo(DemoCompany.CAROL);
        assertThat(calls.get("deactivated-user").user().id()).isEqualTo(DemoCompany.GRACE);
        SimulatedCall noRecording = calls.get("no-recording");
        assertThat(noRecording.recordingAvailableAt()).isNull();
        assertThat(noRecording.number().liveRecordingActivated()).isFalse();
        assertThat(noRecording.answeredAt()).isNotNull();
        assertThat(calls.get("late-recording").recordingAvailableAt()).isEqualTo(anchor + 600);
        assertThat(calls.get("late-recording").endedAt()).isLessThan(anchor);
        assertThat(calls.get("in-progress").endedAt()).isNull();
        assertThat(calls.get("in-progress").answeredAt()).isNotNull();
        assertThat(calls.get("transferred").transferredBy().id()).isEqualTo(DemoCompany.ALICE);
        assertThat(calls.get("transferred").transferredTo().id()).isEqualTo(DemoCompany.BOB);
        assertThat(calls.get("private-worthy").tags()).extracting(t -> t.name()).containsExactly("hr");
        assertThat(calls.get("imported-normal").recordingAvailable(anchor)).isTrue();
    }

    @Test
    void listsTheScenariosThroughTheControlApi() {
        try (AircallSimulator simulator = AircallSimulator.builder().withDemoCompany().start()) {
            JsonNode scenarios = ApiClient.parse(ApiClient.control(simulator, "GET",
                    "/_simulator/companies/" + DemoCompany.ID + "/scenarios", null).body());

            assertThat(scenarios).hasSize(DemoCompany.scenarios().size());
            assertThat(scenarios.get(0).get("call_id").asLong()).isEqualTo(DemoCompany.scenarios().get(0).callId());
            assertThat(scenarios.findValuesAsText("scenario")).containsAll(EVERY_SCENARIO);
            assertThat(scenarios.get(0).has("rule")).isTrue();
            assertThat(scenarios.get(0).has("expected_outcome")).isTrue();
            assertThat(simulator.demo().scenarios()).isEqualTo(DemoCompany.scenarios());
        }
    }

    @Test
    void sameSeedGivesTheSameDataAndAnotherSeedDifferentData() {
        assertThat(DemoCompany.calls(ANCHOR, 42)).isEqualTo(DemoCompany.calls(ANCHOR, 42));
        assertThat(DemoCompany.calls(ANCHOR, 42)).isNotEqualTo(DemoCompany.calls(ANCHOR, 43));
        assertThat(DemoCompany.calls(ANCHOR, 43)).extracting(SimulatedCall::id)
                .isEqualTo(DemoCompany.calls(ANCHOR, 42).stream().map(SimulatedCall::id).toList());
    }

    @Test
    void sameSeedServesByteIdenticalPages() {
        Clock fixed = Clock.fixed(ANCHOR.plusSeconds(30), ZoneOffset.UTC);
        String[] bodies = new String[2];
        for (int i = 0; i < 2; i++) {
            try (AircallSimulator simulator = AircallSimulator.builder().clock(fixed).seed(99).unthrottled(true)
                    .withDemoCompany().start()) {
                bodies[i] = ApiClient.basic(simulator, DemoCompany.API_ID, DemoCompany.API_TOKEN)
                        .get("/v1/calls?per_page=50").body().replace(simulator.baseUrl(), "BASE");
            }
        }
        assertThat(bodies[0]).isEqualTo(bodies[1]).contains("\"total\":" + DemoCompany.scenarios().size());
    }
}
