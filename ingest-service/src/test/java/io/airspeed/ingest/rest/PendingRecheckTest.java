package io.airspeed.ingest.rest;

import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every PENDING decision reaches a final one: calls older than the run's window are looked up in
 * Aircall and decided, a call Aircall no longer has included, and a run re-checks at most
 * {@code ingest.recheck.max-per-run} of them (here 3), least recently checked first.
 */
@QuarkusTest
@TestProfile(PendingRecheckTest.ThreeRechecksPerRun.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class PendingRecheckTest {

    public static class ThreeRechecksPerRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.recheck.max-per-run", "3");
        }
    }

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant CONNECTED = NOW.minus(Duration.ofDays(2));

    @Test
    void aPendingCallOlderThanTheRescanOverlapIsRecheckedAndDecided() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(9101, "dave@acme.test");
        // Ended just inside the 3 h grace period, without a recording: pending now, past the grace in seconds.
        Instant ended = Instant.now().minus(Duration.ofHours(3)).plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        SimulatedCall noRecording = org.addCall(call -> call.user(dave).startedAt(ended.getEpochSecond() - 600)
                .answeredAt(ended.getEpochSecond() - 590).endedAt(ended.getEpochSecond()).recordingAvailableAt(null));
        SimulatedCall inProgress = org.addCall(call -> call.user(dave).startedAt(NOW.minus(Duration.ofHours(20)).getEpochSecond())
                .answeredAt(NOW.minus(Duration.ofHours(20)).getEpochSecond() + 5));
        connect(org);

        org.runAndWait().then().statusCode(200);
        assertThat(org.decisionOf(noRecording.id()).get("primaryReason")).isEqualTo("PENDING_RECORDING");
        assertThat(org.decisionOf(inProgress.id()).get("primaryReason")).isEqualTo("PENDING_IN_PROGRESS");

        org.company.finishCall(inProgress.id(), NOW.minus(Duration.ofHours(20)).plusSeconds(900), Duration.ZERO);
        await().atMost(Duration.ofSeconds(15)).until(() -> Instant.now().isAfter(ended.plus(Duration.ofHours(3)).plusSeconds(1)));
        String second = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");

        JsonPath run = org.run(second);
        assertThat(Instant.parse(run.getString("window.from"))).as("both calls are older than the run's window")
                .isAfter(Instant.ofEpochSecond(ended.getEpochSecond()));
        assertThat(run.getLong("pendingRechecked")).isEqualTo(2);
        assertThat(run.getLong("pendingRemaining")).isZero();
        assertThat(org.decisionOf(noRecording.id())).containsEntry("outcome", "SKIPPED")
                .containsEntry("primaryReason", "SKIPPED_NO_RECORDING").containsEntry("runId", second);
        assertThat(org.decisionOf(inProgress.id())).containsEntry("outcome", "IMPORTED").containsEntry("runId", second);
    }

    @Test
    void aPendingCallAircallAnswers404ForIsDecidedDeletedInAircall() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(9102, "dave@acme.test");
        SimulatedCall gone = org.addCall(call -> call.user(dave).startedAt(NOW.minus(Duration.ofHours(20)).getEpochSecond())
                .answeredAt(NOW.minus(Duration.ofHours(20)).getEpochSecond() + 5));
        connect(org);
        org.runAndWait().then().statusCode(200);
        assertThat(org.decisionOf(gone.id()).get("outcome")).isEqualTo("PENDING");

        org.company.removeCall(gone.id());
        String second = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");

        Map<String, Object> decision = org.decisionOf(gone.id());
        assertThat(decision).containsEntry("outcome", "SKIPPED").containsEntry("primaryReason", "SKIPPED_DELETED_IN_AIRCALL")
                .containsEntry("reasons", List.of("SKIPPED_DELETED_IN_AIRCALL")).containsEntry("runId", second);
        assertThat((String) decision.get("explanation")).contains("no longer has");
        assertThat(org.run(second).getLong("reasons.SKIPPED_DELETED_IN_AIRCALL")).isEqualTo(1);
        assertThat(org.decisions("reason=SKIPPED_DELETED_IN_AIRCALL").getLong("totalItems")).isEqualTo(1);

        // Decided for good: the next run does not look it up again.
        String third = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");
        assertThat(org.run(third).getLong("pendingRechecked")).isZero();
    }

    @Test
    void aCallStillInProgressLongPastTheLimitIsDecidedNeverFinished() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(9103, "dave@acme.test");
        SimulatedCall stuck = org.addCall(call -> call.user(dave).startedAt(NOW.minus(Duration.ofHours(30)).getEpochSecond())
                .answeredAt(NOW.minus(Duration.ofHours(30)).getEpochSecond() + 5));
        SimulatedCall going = org.addCall(call -> call.user(dave).startedAt(NOW.minus(Duration.ofHours(2)).getEpochSecond())
                .answeredAt(NOW.minus(Duration.ofHours(2)).getEpochSecond() + 5));
        connect(org);

        org.runAndWait().then().statusCode(200);

        assertThat(org.decisionOf(stuck.id())).containsEntry("outcome", "SKIPPED")
                .containsEntry("primaryReason", "SKIPPED_NEVER_FINISHED");
        assertThat(org.decisionOf(going.id())).containsEntry("outcome", "PENDING")
                .containsEntry("primaryReason", "PENDING_IN_PROGRESS");
    }

    @Test
    void reChecksAreBoundedPerRunLeastRecentlyCheckedFirstAndTheRestIsReported() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(9104, "dave@acme.test");
        List<SimulatedCall> pending = IntStream.range(0, 5).mapToObj(i -> org.addCall(call -> call.user(dave)
                .startedAt(NOW.minus(Duration.ofHours(20)).getEpochSecond() + i * 60L)
                .answeredAt(NOW.minus(Duration.ofHours(20)).getEpochSecond() + i * 60L + 5))).toList();
        connect(org);
        org.runAndWait().then().statusCode(200);
        assertThat(org.decisions("outcome=PENDING").getLong("totalItems")).isEqualTo(5);

        long before = org.company.counters().requests();
        String second = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");
        JsonPath secondRun = org.run(second);
        assertThat(secondRun.getLong("pendingRechecked")).isEqualTo(3);
        assertThat(secondRun.getLong("pendingRemaining")).isEqualTo(2);
        List<Long> checkedBySecond = checkedBy(org, pending, second);
        assertThat(checkedBySecond).hasSize(3);
        // Three lookups by id plus the window's list page, nothing more.
        assertThat(org.company.counters().requests() - before).isEqualTo(4);

        String third = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");
        assertThat(org.run(third).getLong("pendingRechecked")).isEqualTo(3);
        List<Long> checkedByThird = checkedBy(org, pending, third);
        assertThat(checkedByThird).as("the two left by the previous run come first")
                .containsAll(pending.stream().map(SimulatedCall::id).filter(id -> !checkedBySecond.contains(id)).toList());
    }

    private static List<Long> checkedBy(TestOrg org, List<SimulatedCall> calls, String runId) {
        return calls.stream().map(SimulatedCall::id).filter(id -> runId.equals(org.decisionOf(id).get("runId"))).toList();
    }

    private static void connect(TestOrg org) {
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);
    }
}
