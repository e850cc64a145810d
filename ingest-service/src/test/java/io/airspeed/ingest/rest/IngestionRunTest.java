package io.airspeed.ingest.rest;

import io.airspeed.aircall.simulator.model.Direction;
import io.airspeed.aircall.simulator.model.MissedCallReason;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Each rule of the article, end to end: Aircall call → run → decision log → delivery. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class IngestionRunTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant CONNECTED = NOW.minus(Duration.ofDays(2));
    private static final Instant EARLIER = NOW.minus(Duration.ofHours(20));

    @Test
    void decidesEveryRuleWithItsReasonCode() {
        TestOrg org = TestOrg.create();
        UUID dave = org.rosterUser("dave@acme.test", "RECORDING", true, List.of("dave.sales@acme.test"), List.of());
        UUID frank = org.rosterUser("frank@acme.test", "RECORDING", true, List.of(), List.of(1007L));
        org.rosterUser("carol@acme.test", "VIEWER", true, List.of(), List.of());
        org.rosterUser("grace@acme.test", "RECORDING", false, List.of(), List.of());
        UUID bob = org.rosterUser("bob@acme.test");

        SimulatedUser daveAgent = org.aircallUser(1001, "dave@acme.test");
        SimulatedUser bobCaseVariant = org.aircallUser(1002, " Bob@Acme.TEST ");
        SimulatedUser carolAgent = org.aircallUser(1003, "carol@acme.test");
        SimulatedUser daveAlias = org.aircallUser(1004, "Dave.Sales@acme.test");
        SimulatedUser erin = org.aircallUser(1006, "erin@contractor.test");
        SimulatedUser frankById = org.aircallUser(1007, "frank.field@gmail.test");
        SimulatedUser graceAgent = org.aircallUser(1008, "grace@acme.test");

        SimulatedCall imported = org.call(daveAgent, EARLIER, 300);
        SimulatedCall exactly60 = org.call(daveAgent, EARLIER.plusSeconds(600), 60);
        SimulatedCall only59 = org.call(daveAgent, EARLIER.plusSeconds(1200), 59);
        SimulatedCall caseVariant = org.call(bobCaseVariant, EARLIER.plusSeconds(1800), 120);
        SimulatedCall viewer = org.call(carolAgent, EARLIER.plusSeconds(2400), 120);
        SimulatedCall alias = org.call(daveAlias, EARLIER.plusSeconds(3000), 120);
        SimulatedCall unknown = org.call(erin, EARLIER.plusSeconds(3600), 120);
        SimulatedCall byAircallId = org.call(frankById, EARLIER.plusSeconds(4200), 120);
        SimulatedCall deactivated = org.call(graceAgent, EARLIER.plusSeconds(4800), 120);
        long missedStart = EARLIER.plusSeconds(5400).getEpochSecond();
        SimulatedCall missed = org.addCall(c -> c.direction(Direction.INBOUND).startedAt(missedStart)
                .endedAt(missedStart + 75).missedCallReason(MissedCallReason.AGENTS_DID_NOT_ANSWER));
        long noRecordingStart = EARLIER.plusSeconds(6000).getEpochSecond();
        SimulatedCall noRecording = org.addCall(c -> c.user(daveAgent).startedAt(noRecordingStart)
                .answeredAt(noRecordingStart + 2).endedAt(noRecordingStart + 400));
        long lateStart = NOW.minusSeconds(1800).getEpochSecond();
        SimulatedCall lateRecording = org.addCall(c -> c.user(daveAgent).startedAt(lateStart)
                .answeredAt(lateStart + 2).endedAt(lateStart + 600));
        long liveStart = NOW.minusSeconds(120).getEpochSecond();
        SimulatedCall inProgress = org.addCall(c -> c.user(daveAgent).startedAt(liveStart).answeredAt(liveStart + 5));
        SimulatedCall beforeConnection = org.call(daveAgent, CONNECTED.minusSeconds(3600), 300);
        long transferStart = EARLIER.plusSeconds(6600).getEpochSecond();
        SimulatedCall transferred = org.addCall(c -> c.user(bobCaseVariant).transferredBy(daveAgent).transferredTo(bobCaseVariant)
                .startedAt(transferStart).answeredAt(transferStart + 3).endedAt(transferStart + 900)
                .recordingAvailableAt(transferStart + 900));

        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);
        JsonPath runs = org.runAndWait().then().statusCode(200).extract().jsonPath();
        assertThat(runs.getString("runs[0].status")).isEqualTo("SUCCEEDED");

        assertDecision(org, imported, "IMPORTED", null);
        assertThat(org.decisionOf(imported.id()).get("ownerUserId")).isEqualTo(dave.toString());
        assertDecision(org, exactly60, "IMPORTED", null);
        assertDecision(org, only59, "SKIPPED", "SKIPPED_TOO_SHORT");
        assertDecision(org, caseVariant, "IMPORTED", null);
        assertThat(org.decisionOf(caseVariant.id()).get("ownerUserId")).isEqualTo(bob.toString());
        assertDecision(org, viewer, "SKIPPED", "SKIPPED_NO_RECORDING_SEAT");
        assertDecision(org, alias, "IMPORTED", null);
        assertDecision(org, unknown, "SKIPPED", "SKIPPED_EMAIL_NOT_MATCHED");
        assertDecision(org, byAircallId, "IMPORTED", null);
        assertThat(org.decisionOf(byAircallId.id()).get("ownerUserId")).isEqualTo(frank.toString());
        assertDecision(org, deactivated, "SKIPPED", "SKIPPED_NO_RECORDING_SEAT");
        assertDecision(org, missed, "SKIPPED", "SKIPPED_NO_AIRCALL_USER");
        assertDecision(org, noRecording, "SKIPPED", "SKIPPED_NO_RECORDING");
        assertDecision(org, lateRecording, "PENDING", "PENDING_RECORDING");
        assertDecision(org, inProgress, "PENDING", "PENDING_IN_PROGRESS");
        assertDecision(org, beforeConnection, "SKIPPED", "SKIPPED_OUTSIDE_INTEGRATION_WINDOW");
        assertDecision(org, transferred, "IMPORTED", null);
        assertThat(org.decisionOf(transferred.id()).get("participantUserIds")).isEqualTo(List.of(bob.toString(), dave.toString()));

        Map<String, Object> missedFacts = facts(org, missed);
        assertThat(missedFacts.get("aircallUserEmail")).isNull();
        assertThat(missedFacts.get("recordingPresent")).isEqualTo(false);
        assertThat(missedFacts.get("durationSeconds")).isEqualTo(75);

        assertThat(org.deliveriesOf(imported.id())).isEqualTo(1);
        assertThat(org.deliveriesOf(only59.id())).isZero();
        assertThat(org.deliveriesOf(lateRecording.id())).isZero();
    }

    @Test
    void aLateRecordingIsImportedOnALaterRunAndAFinishedCallIsPickedUp() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(2001, "dave@acme.test");
        long lateStart = NOW.minusSeconds(1800).getEpochSecond();
        SimulatedCall late = org.addCall(c -> c.user(dave).startedAt(lateStart).answeredAt(lateStart + 2).endedAt(lateStart + 600));
        long liveStart = NOW.minusSeconds(300).getEpochSecond();
        SimulatedCall live = org.addCall(c -> c.user(dave).startedAt(liveStart).answeredAt(liveStart + 1));
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);

        org.runAndWait().then().statusCode(200);
        assertDecision(org, late, "PENDING", "PENDING_RECORDING");
        assertDecision(org, live, "PENDING", "PENDING_IN_PROGRESS");

        org.company.attachRecordingNow(late.id());
        org.company.finishCallNow(live.id());
        org.runAndWait().then().statusCode(200);

        assertDecision(org, late, "IMPORTED", null);
        assertDecision(org, live, "IMPORTED", null);
        assertThat(org.deliveriesOf(late.id())).isEqualTo(1);
    }

    @Test
    void repeatedRunsImportEachCallExactlyOnce() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(3001, "dave@acme.test");
        List<SimulatedCall> calls = java.util.stream.IntStream.range(0, 120)
                .mapToObj(i -> org.call(dave, NOW.minusSeconds(3000 - i * 20L), 90)).toList();
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);

        for (int run = 0; run < 3; run++) {
            org.runAndWait().then().statusCode(200).body("runs[0].status", equalTo("SUCCEEDED"));
        }

        JsonPath imported = org.decisions("outcome=IMPORTED");
        assertThat(imported.getLong("totalItems")).isEqualTo(120);
        for (SimulatedCall call : calls) {
            assertThat(org.deliveriesOf(call.id())).as("deliveries of %d", call.id()).isEqualTo(1);
        }
    }

    @Test
    void theRunReportsProgressCountsAndAircallUsage() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(4001, "dave@acme.test");
        for (int i = 0; i < 75; i++) {
            org.call(dave, EARLIER.plusSeconds(i * 60L), i % 3 == 0 ? 30 : 120);
        }
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);

        String runId = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");
        JsonPath run = org.run(runId);
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("kind")).isEqualTo("SCHEDULED");
        assertThat(run.getLong("progress.fetched")).isEqualTo(75);
        assertThat(run.getLong("progress.aircallTotal")).isEqualTo(75);
        assertThat(run.getDouble("progress.percent")).isEqualTo(100.0);
        assertThat(run.getLong("outcomes.IMPORTED")).isEqualTo(50);
        assertThat(run.getLong("outcomes.SKIPPED")).isEqualTo(25);
        assertThat(run.getLong("reasons.SKIPPED_TOO_SHORT")).isEqualTo(25);
        assertThat(run.getLong("aircall.requests")).isGreaterThanOrEqualTo(2);
        assertThat(run.getLong("aircall.throttled")).isZero();
        assertThat(run.getString("window.from")).isNotNull();
        assertThat(run.getString("finishedAt")).isNotNull();
    }

    private static Map<String, Object> facts(TestOrg org, SimulatedCall call) {
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) org.decisionOf(call.id()).get("facts");
        return facts;
    }

    private static void assertDecision(TestOrg org, SimulatedCall call, String outcome, String primaryReason) {
        Map<String, Object> decision = org.decisionOf(call.id());
        assertThat(decision).as("decision of call %d", call.id()).isNotNull();
        assertThat(decision.get("outcome")).as("outcome of call %d", call.id()).isEqualTo(outcome);
        assertThat(decision.get("primaryReason")).as("reason of call %d", call.id()).isEqualTo(primaryReason);
    }
}
