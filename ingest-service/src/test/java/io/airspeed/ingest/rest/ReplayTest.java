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
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Replay (issue 12 items 2 and 6): once an admin fixes the cause in users-service and the change
 * arrives, the calls skipped for it are re-read, re-decided and imported, with no run triggered by
 * anyone; imported calls are never taken back.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class ReplayTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant CONNECTED = NOW.minus(Duration.ofDays(2));
    private static final Duration REPLAYED = Duration.ofSeconds(60);

    @Test
    void aSeatFixedImportsTheCallsSkippedForNoRecordingSeatWithoutAnyRunTriggeredAndLeavesOthersAlone() {
        TestOrg org = TestOrg.create();
        UUID carol = org.rosterUser("carol@acme.test", "VIEWER", true, List.of(), List.of());
        org.rosterUser("dave@acme.test", "VIEWER", true, List.of(), List.of());
        SimulatedUser carolInAircall = org.aircallUser(7101, "carol@acme.test");
        SimulatedUser daveInAircall = org.aircallUser(7102, "dave@acme.test");
        List<SimulatedCall> carols = calls(org, carolInAircall, 3, 0);
        SimulatedCall carolsShort = org.call(carolInAircall, NOW.minus(Duration.ofHours(20)), 30);
        SimulatedCall daves = org.call(daveInAircall, NOW.minus(Duration.ofHours(19)), 120);
        connect(org);
        String firstRun = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");
        carols.forEach(call -> assertThat(org.decisionOf(call.id())).containsEntry("primaryReason", "SKIPPED_NO_RECORDING_SEAT"));
        Object davesDecidedAt = org.decisionOf(daves.id()).get("decidedAt");

        // The admin gives Carol a Recording seat; users-service tells ingest-service. Nothing else happens.
        org.updateRosterUser(carol, "RECORDING", true, List.of(), List.of());
        seatChanged(org, carol, 1, "RECORDING", List.of("carol@acme.test"), List.of());

        await().atMost(REPLAYED).until(() -> org.decisions("outcome=IMPORTED").getLong("totalItems") == 3);
        carols.forEach(call -> assertThat(org.deliveriesOf(call.id())).isEqualTo(1));
        Map<String, Object> shortOne = org.decisionOf(carolsShort.id());
        assertThat(shortOne).containsEntry("outcome", "SKIPPED").containsEntry("reasons", List.of("SKIPPED_TOO_SHORT"));
        // Dave's call is not Carol's: not re-read, not re-decided.
        assertThat(org.decisionOf(daves.id())).containsEntry("runId", firstRun).containsEntry("decidedAt", davesDecidedAt)
                .containsEntry("primaryReason", "SKIPPED_NO_RECORDING_SEAT");

        JsonPath replays = replays(org);
        assertThat(replays.getLong("totalItems")).isEqualTo(1);
        assertThat(replays.getString("items[0].status")).isEqualTo("SUCCEEDED");
        assertThat(replays.getList("items[0].cause.changeKinds")).containsExactly("SEAT_CHANGED");
        assertThat(replays.getList("items[0].cause.userIds")).containsExactly(carol.toString());
        assertThat(replays.getMap("items[0].counts")).containsEntry("affected", 4).containsEntry("reread", 4)
                .containsEntry("imported", 3).containsEntry("stillSkipped", 1).containsEntry("gone", 0);
        assertThat(replays.getDouble("items[0].progress.percent")).isEqualTo(100.0);
        String replayId = replays.getString("items[0].id");
        assertThat(org.decisionOf(carols.get(0).id())).containsEntry("runId", replayId);
        given().auth().oauth2(org.adminToken()).get("/api/replays/" + replayId).then().statusCode(200)
                .body("counts.imported", equalTo(3));
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("ingest_replayed_calls_total\\{[^}]*result=\"imported\"[^}]*} [1-9]");
    }

    @Test
    void anAliasLinkedToAUserImportsTheCallsSkippedBecauseTheAircallEmailMatchedNobody() {
        TestOrg org = TestOrg.create();
        UUID carol = org.rosterUser("carol@acme.test");
        SimulatedUser aircallAlias = org.aircallUser(7201, "Carol.Work@Acme.test");
        List<SimulatedCall> calls = calls(org, aircallAlias, 2, 0);
        connect(org);
        org.runAndWait().then().statusCode(200);
        calls.forEach(call -> assertThat(org.decisionOf(call.id())).containsEntry("primaryReason", "SKIPPED_EMAIL_NOT_MATCHED"));

        org.updateRosterUser(carol, "RECORDING", true, List.of("carol.work@acme.test"), List.of());
        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 1, carol, "IDENTITY_ADDED", true, "MEMBER", "RECORDING",
                List.of("carol@acme.test", "carol.work@acme.test"), List.of()))).then().statusCode(204);

        await().atMost(REPLAYED).until(() -> org.decisions("outcome=IMPORTED").getLong("totalItems") == 2);
        calls.forEach(call -> assertThat(org.decisionOf(call.id())).containsEntry("ownerUserId", carol.toString()));
    }

    @Test
    void anAircallUserIdLinkedToAUserImportsTheCallsOfThatAircallUser() {
        TestOrg org = TestOrg.create();
        UUID carol = org.rosterUser("carol@acme.test");
        SimulatedUser sharedLine = org.aircallUser(7301, "frontline@acme.test");
        List<SimulatedCall> calls = calls(org, sharedLine, 2, 0);
        connect(org);
        org.runAndWait().then().statusCode(200);
        calls.forEach(call -> assertThat(org.decisionOf(call.id())).containsEntry("primaryReason", "SKIPPED_EMAIL_NOT_MATCHED"));

        org.updateRosterUser(carol, "RECORDING", true, List.of(), List.of(7301L));
        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 1, carol, "IDENTITY_ADDED", true, "MEMBER", "RECORDING",
                List.of("carol@acme.test"), List.of(7301L)))).then().statusCode(204);

        await().atMost(REPLAYED).until(() -> org.decisions("outcome=IMPORTED").getLong("totalItems") == 2);
        calls.forEach(call -> assertThat(org.decisionOf(call.id())).containsEntry("ownerUserId", carol.toString()));
    }

    @Test
    void fiveHundredSkippedCallsOfOneUserAreReplayedWithAtMostFifteenAircallRequests() {
        TestOrg org = TestOrg.create();
        UUID carol = org.rosterUser("carol@acme.test", "VIEWER", true, List.of(), List.of());
        SimulatedUser carolInAircall = org.aircallUser(7401, "carol@acme.test");
        IntStream.range(0, 500).forEach(i -> org.call(carolInAircall, NOW.minus(Duration.ofHours(40)).plusSeconds(i * 120L), 120));
        connect(org);
        org.runAndWait().then().statusCode(200);
        assertThat(org.decisions("reason=SKIPPED_NO_RECORDING_SEAT").getLong("totalItems")).isEqualTo(500);

        long before = org.company.counters().requests();
        org.updateRosterUser(carol, "RECORDING", true, List.of(), List.of());
        seatChanged(org, carol, 1, "RECORDING", List.of("carol@acme.test"), List.of());

        await().atMost(REPLAYED).until(() -> "SUCCEEDED".equals(replays(org).getString("items[0].status")));
        assertThat(org.decisions("outcome=IMPORTED").getLong("totalItems")).isEqualTo(500);
        // 50 at a time through the search of Carol's calls: 10 requests, not 500.
        assertThat(org.company.counters().requests() - before).isLessThanOrEqualTo(15);
        assertThat(org.deliveryCounts()).hasSize(500).allSatisfy((call, times) -> assertThat(times).isEqualTo(1));
    }

    @Test
    void aChangeWhileTheReplayIsQueuedIsMergedIntoItAndOneWhileItRunsIsQueuedAfterIt() {
        TestOrg org = TestOrg.create();
        UUID carol = org.rosterUser("carol@acme.test", "VIEWER", true, List.of(), List.of());
        UUID erin = org.rosterUser("erin@acme.test", "VIEWER", true, List.of(), List.of());
        UUID frank = org.rosterUser("frank@acme.test", "VIEWER", true, List.of(), List.of());
        calls(org, org.aircallUser(7501, "carol@acme.test"), 2, 0);
        calls(org, org.aircallUser(7502, "erin@acme.test"), 2, 10);
        calls(org, org.aircallUser(7503, "frank@acme.test"), 2, 20);
        connect(org);
        org.runAndWait().then().statusCode(200);

        // Aircall slows down: a scheduled run holds the org while the first changes arrive.
        org.company.faults().addLatency(Duration.ofSeconds(2), 12);
        given().auth().oauth2(org.adminToken()).post("/api/ingestion/runs").then().statusCode(202);
        org.updateRosterUser(carol, "RECORDING", true, List.of(), List.of());
        seatChanged(org, carol, 1, "RECORDING", List.of("carol@acme.test"), List.of());
        org.updateRosterUser(erin, "RECORDING", true, List.of(), List.of());
        seatChanged(org, erin, 2, "RECORDING", List.of("erin@acme.test"), List.of());
        JsonPath queued = replays(org);
        assertThat(queued.getLong("totalItems")).as("the second change joined the queued replay").isEqualTo(1);
        assertThat(queued.getString("items[0].status")).isEqualTo("QUEUED");
        assertThat(queued.getLong("items[0].cause.changeCount")).isEqualTo(2);
        String first = queued.getString("items[0].id");

        await().atMost(REPLAYED).pollInterval(Duration.ofMillis(100))
                .until(() -> "RUNNING".equals(replays(org).getString("items[0].status")));
        org.updateRosterUser(frank, "RECORDING", true, List.of(), List.of());
        seatChanged(org, frank, 3, "RECORDING", List.of("frank@acme.test"), List.of());

        await().atMost(REPLAYED.multipliedBy(2)).until(() -> org.decisions("outcome=IMPORTED").getLong("totalItems") == 6);
        await().atMost(REPLAYED).until(() -> replays(org).getList("items.status").stream().allMatch("SUCCEEDED"::equals));
        JsonPath done = replays(org);
        assertThat(done.getLong("totalItems")).isEqualTo(2);
        assertThat(done.getString("items[1].id")).isEqualTo(first);
        assertThat(done.getList("items[1].cause.userIds")).containsExactlyInAnyOrder(carol.toString(), erin.toString());
        assertThat(done.getList("items[0].cause.userIds")).containsExactly(frank.toString());
        assertThat(done.getInt("items[0].counts.imported")).isEqualTo(2);
        assertThat(org.deliveryCounts()).hasSize(6).allSatisfy((call, times) -> assertThat(times).isEqualTo(1));
    }

    @Test
    void theSameChangeReceivedTwiceQueuesOneReplay() {
        TestOrg org = TestOrg.create();
        UUID carol = org.rosterUser("carol@acme.test", "VIEWER", true, List.of(), List.of());
        calls(org, org.aircallUser(7601, "carol@acme.test"), 1, 0);
        connect(org);
        org.runAndWait().then().statusCode(200);

        org.updateRosterUser(carol, "RECORDING", true, List.of(), List.of());
        Map<String, Object> change = TestOrg.change(UUID.randomUUID(), 1, carol, "SEAT_CHANGED", true, "MEMBER", "RECORDING",
                List.of("carol@acme.test"), List.of());
        org.postRosterChanges(List.of(change)).then().statusCode(204);
        await().atMost(REPLAYED).until(() -> org.decisions("outcome=IMPORTED").getLong("totalItems") == 1);
        org.postRosterChanges(List.of(change)).then().statusCode(204);

        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(replays(org).getLong("totalItems")).isEqualTo(1);
    }

    @Test
    void aSeatRemovedLeavesImportedCallsImportedAndDeliversNothingAgain() {
        TestOrg org = TestOrg.create();
        UUID carol = org.rosterUser("carol@acme.test");
        List<SimulatedCall> calls = calls(org, org.aircallUser(7701, "carol@acme.test"), 3, 0);
        connect(org);
        String firstRun = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");
        await().atMost(REPLAYED).until(() -> org.deliveryCounts().size() == 3);

        org.updateRosterUser(carol, "NONE", true, List.of(), List.of());
        seatChanged(org, carol, 1, "NONE", List.of("carol@acme.test"), List.of());
        // The next scheduled run reads the new roster: only calls after the change are decided with it.
        org.runAndWait().then().statusCode(200);

        assertThat(replays(org).getLong("totalItems")).as("no skipped call it could alter, no run going: no replay")
                .isZero();
        calls.forEach(call -> assertThat(org.decisionOf(call.id())).containsEntry("outcome", "IMPORTED")
                .containsEntry("runId", firstRun));
        assertThat(org.deliveryCounts()).hasSize(3).allSatisfy((call, times) -> assertThat(times).isEqualTo(1));
    }

    @Test
    void aChangeThatCanAlterNoDecisionQueuesNoReplayUnlessARunIsGoing() {
        TestOrg org = TestOrg.create();
        UUID carol = org.rosterUser("carol@acme.test");
        calls(org, org.aircallUser(7751, "carol@acme.test"), 2, 0);
        connect(org);
        org.runAndWait().then().statusCode(200);

        UUID newcomer = org.rosterUser("newcomer@acme.test");
        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 1, newcomer, "USER_CREATED", true, "MEMBER",
                "RECORDING", List.of("newcomer@acme.test"), List.of()))).then().statusCode(204);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(replays(org).getLong("totalItems")).as("a new user touches no skipped call").isZero();

        org.company.faults().addLatency(Duration.ofMillis(400));
        String running = given().auth().oauth2(org.adminToken()).post("/api/ingestion/runs")
                .then().statusCode(202).extract().path("runs[0].id");
        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 2, carol, "SEAT_CHANGED", true, "MEMBER", "VIEWER",
                List.of("carol@acme.test"), List.of()))).then().statusCode(204);
        org.company.faults().clear();
        await().atMost(REPLAYED).until(() -> "SUCCEEDED".equals(replays(org).getString("items[0].status")));
        assertThat(replays(org).getLong("totalItems")).as("a run that may have read the old roster was going").isEqualTo(1);
        assertThat(org.run(running).getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void anInterruptedReplayIsResumedByTheNextOneAndImportsAndDeliversEachCallOnce() {
        TestOrg org = TestOrg.create();
        UUID carol = org.rosterUser("carol@acme.test", "VIEWER", true, List.of(), List.of());
        SimulatedUser carolInAircall = org.aircallUser(7801, "carol@acme.test");
        IntStream.range(0, 150).forEach(i -> org.call(carolInAircall, NOW.minus(Duration.ofHours(40)).plusSeconds(i * 120L), 120));
        connect(org);
        org.runAndWait().then().statusCode(200);

        // Each Aircall answer takes 2 s: the replay is caught between its first and its second batch.
        org.company.faults().addLatency(Duration.ofSeconds(2), 30);
        org.updateRosterUser(carol, "RECORDING", true, List.of(), List.of());
        seatChanged(org, carol, 1, "RECORDING", List.of("carol@acme.test"), List.of());
        await().atMost(REPLAYED).pollInterval(Duration.ofMillis(100)).until(() -> org.deliveryCounts().size() >= 50);

        // The replay's lease runs out (its replica stalled or died): its next commit is refused and it stops.
        org.sql("update org_leases set expires_at = now() - interval '1 second' where org_id = ?");

        await().atMost(REPLAYED.multipliedBy(2)).until(() -> org.decisions("outcome=IMPORTED").getLong("totalItems") == 150);
        await().atMost(REPLAYED).until(() -> "SUCCEEDED".equals(replays(org).getString("items[0].status")));
        JsonPath replays = replays(org);
        assertThat(replays.getLong("totalItems")).isEqualTo(2);
        assertThat(replays.getString("items[1].status")).isEqualTo("FAILED");
        assertThat(replays.getInt("items[1].counts.imported")).isBetween(50, 149);
        assertThat(replays.getInt("items[0].counts.affected")).as("the second replay re-reads only what the first left")
                .isEqualTo(150 - replays.getInt("items[1].counts.imported"));
        await().atMost(REPLAYED).until(() -> org.deliveryCounts().size() == 150);
        assertThat(org.deliveryCounts()).allSatisfy((call, times) -> assertThat(times).isEqualTo(1));
    }

    @Test
    void aChangeReceivedWhileTheIntegrationIsDisconnectedIsReplayedOnceItIsConnectedAgain() {
        TestOrg org = TestOrg.create();
        UUID carol = org.rosterUser("carol@acme.test", "VIEWER", true, List.of(), List.of());
        List<SimulatedCall> calls = calls(org, org.aircallUser(7901, "carol@acme.test"), 2, 0);
        connect(org);
        org.runAndWait().then().statusCode(200);
        given().auth().oauth2(org.adminToken()).delete("/api/integrations/aircall").then().statusCode(204);

        org.updateRosterUser(carol, "RECORDING", true, List.of(), List.of());
        seatChanged(org, carol, 1, "RECORDING", List.of("carol@acme.test"), List.of());
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(replays(org).getLong("totalItems")).as("nothing can be read from Aircall yet").isZero();

        org.connect().then().statusCode(200);

        await().atMost(REPLAYED).until(() -> org.decisions("outcome=IMPORTED").getLong("totalItems") == 2);
        calls.forEach(call -> assertThat(org.deliveriesOf(call.id())).isEqualTo(1));
    }

    private static void seatChanged(TestOrg org, UUID userId, long sequence, String seat, List<String> emails, List<Long> aircallIds) {
        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), sequence, userId, "SEAT_CHANGED", true, "MEMBER", seat,
                emails, aircallIds))).then().statusCode(204);
    }

    private static List<SimulatedCall> calls(TestOrg org, SimulatedUser user, int count, int offsetMinutes) {
        return IntStream.range(0, count).mapToObj(i -> org.call(user,
                NOW.minus(Duration.ofHours(30)).plus(Duration.ofMinutes(offsetMinutes + i * 2L)), 120)).toList();
    }

    private static JsonPath replays(TestOrg org) {
        return given().auth().oauth2(org.adminToken()).get("/api/replays?size=200").then().statusCode(200).extract().jsonPath();
    }

    private static void connect(TestOrg org) {
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);
    }
}
