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
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each decision keeps its history: the first decision and every change of outcome or primary
 * reason, under the cause that made it (RUN, BACKFILL, RECHECK), returned by the decision log and
 * told by the diagnosis.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class DecisionHistoryTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aScheduledRunRecordsTheFirstDecisionUnderRunAndAnUnchangedReReadAddsNothing() {
        TestOrg org = connected();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(6001, "dave@acme.test");
        SimulatedCall imported = org.call(dave, NOW.minus(Duration.ofMinutes(30)), 300);
        SimulatedCall tooShort = org.call(dave, NOW.minus(Duration.ofMinutes(20)), 20);

        org.runAndWait().then().statusCode(200);
        // The second run re-reads both calls in its overlap: nothing about them changed.
        org.runAndWait().then().statusCode(200);

        assertThat(history(org, imported.id())).containsExactly(entry("IMPORTED", null, "RUN"));
        assertThat(history(org, tooShort.id())).containsExactly(entry("SKIPPED", "SKIPPED_TOO_SHORT", "RUN"));
    }

    @Test
    void aBackfillThatImportsACallSkippedBeforeAddsABackfillEntryAfterTheRunEntry() {
        TestOrg org = connected();
        SimulatedUser erin = org.aircallUser(6101, "erin@acme.test");
        SimulatedCall call = org.call(erin, NOW.minus(Duration.ofHours(6)), 300);
        String run = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");

        org.rosterUser("erin@acme.test");
        String backfill = backfill(org, NOW.minus(Duration.ofHours(7)), NOW.minus(Duration.ofHours(5)));

        assertThat(history(org, call.id())).containsExactly(entry("SKIPPED", "SKIPPED_EMAIL_NOT_MATCHED", "RUN"),
                entry("IMPORTED", null, "BACKFILL"));
        List<Map<String, Object>> history = historyOf(org, call.id());
        assertThat(Instant.parse((String) history.get(0).get("decidedAt")))
                .isBefore(Instant.parse((String) history.get(1).get("decidedAt")));
        assertThat(org.decisionOf(call.id())).containsEntry("runId", backfill);
        assertThat(run).isNotEqualTo(backfill);
    }

    @Test
    void aPendingCallDecidedByTheRecheckAddsARecheckEntry() {
        TestOrg org = connected();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(6201, "dave@acme.test");
        Instant started = NOW.minus(Duration.ofHours(20));
        SimulatedCall call = org.addCall(c -> c.user(dave).startedAt(started.getEpochSecond()).answeredAt(started.getEpochSecond() + 5));
        org.runAndWait().then().statusCode(200);
        assertThat(history(org, call.id())).containsExactly(entry("PENDING", "PENDING_IN_PROGRESS", "RUN"));

        org.company.finishCall(call.id(), started.plusSeconds(900), Duration.ZERO);
        // 20 hours old: outside the next run's window, so only the re-check of pending calls reads it.
        String second = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");

        assertThat(org.run(second).getLong("pendingRechecked")).isEqualTo(1);
        assertThat(history(org, call.id())).containsExactly(entry("PENDING", "PENDING_IN_PROGRESS", "RUN"),
                entry("IMPORTED", null, "RECHECK"));
    }

    @Test
    void aPendingCallAircallNoLongerHasIsRecordedDeletedUnderRecheck() {
        TestOrg org = connected();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(6202, "dave@acme.test");
        Instant started = NOW.minus(Duration.ofHours(20));
        SimulatedCall call = org.addCall(c -> c.user(dave).startedAt(started.getEpochSecond()).answeredAt(started.getEpochSecond() + 5));
        org.runAndWait().then().statusCode(200);

        org.company.removeCall(call.id());
        org.runAndWait().then().statusCode(200);

        assertThat(history(org, call.id())).containsExactly(entry("PENDING", "PENDING_IN_PROGRESS", "RUN"),
                entry("SKIPPED", "SKIPPED_DELETED_IN_AIRCALL", "RECHECK"));
    }

    @Test
    void theDecisionLogReturnsEachDecisionsOwnHistoryForAWholePage() {
        TestOrg org = connected();
        SimulatedUser erin = org.aircallUser(6301, "erin@acme.test");
        SimulatedUser dave = org.aircallUser(6302, "dave@acme.test");
        SimulatedCall erins = org.call(erin, NOW.minus(Duration.ofHours(6)), 300);
        SimulatedCall daves = org.call(dave, NOW.minus(Duration.ofHours(6)).plusSeconds(600), 300);
        org.rosterUser("dave@acme.test");
        org.runAndWait().then().statusCode(200);
        org.rosterUser("erin@acme.test");
        backfill(org, NOW.minus(Duration.ofHours(7)), NOW.minus(Duration.ofHours(5)));

        List<Map<String, Object>> items = org.decisions("").getList("items");
        assertThat(items).hasSize(2);
        Map<Long, List<?>> histories = new java.util.HashMap<>();
        items.forEach(item -> histories.put(((Number) item.get("aircallCallId")).longValue(), (List<?>) item.get("history")));
        assertThat(histories.get(erins.id())).hasSize(2);
        assertThat(histories.get(daves.id())).as("imported by the run, re-read unchanged by the backfill").hasSize(1);
    }

    @Test
    void theDiagnosisOfACallImportedAfterASkipTellsTheEarlierSkip() {
        TestOrg org = connected();
        org.rosterUser("carol@acme.test", "VIEWER", true, List.of(), List.of());
        SimulatedUser carol = org.aircallUser(6401, "carol@acme.test");
        SimulatedCall call = org.call(carol, NOW.minus(Duration.ofHours(6)), 300);
        org.runAndWait().then().statusCode(200);

        org.rosterUser("carol@acme.test");
        backfill(org, NOW.minus(Duration.ofHours(7)), NOW.minus(Duration.ofHours(5)));

        JsonPath answer = given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("aircallCallId", call.id())).post("/api/diagnostics/missing-call")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("verdict")).isEqualTo("IMPORTED");
        assertThat(answer.getList("decision.history.cause")).containsExactly("RUN", "BACKFILL");
        assertThat(answer.getList("decision.history.outcome")).containsExactly("SKIPPED", "IMPORTED");
        assertThat(answer.getString("summary")).contains("skipped on").contains("no active Recording seat")
                .contains("imported on").contains("(backfill)");
        Map<String, Object> seat = answer.<Map<String, Object>>getList("checks").stream()
                .filter(c -> "RECORDING_SEAT".equals(c.get("check"))).findFirst().orElseThrow();
        assertThat(seat.get("status")).isEqualTo("PASS");
        assertThat((String) seat.get("detail")).contains("Earlier it failed: SKIPPED_NO_RECORDING_SEAT");
        assertThat(answer.getString("support.text")).contains("History: SKIPPED SKIPPED_NO_RECORDING_SEAT");
    }

    @Test
    void theDiagnosisOfACallSkippedNowAfterWaitingTellsWhatItWasBefore() {
        TestOrg org = connected();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(6501, "dave@acme.test");
        Instant started = NOW.minus(Duration.ofHours(20));
        SimulatedCall call = org.addCall(c -> c.user(dave).startedAt(started.getEpochSecond()).answeredAt(started.getEpochSecond() + 5));
        org.runAndWait().then().statusCode(200);
        org.company.finishCall(call.id(), started.plusSeconds(30), Duration.ZERO);
        org.runAndWait().then().statusCode(200);

        JsonPath answer = given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("aircallCallId", call.id())).post("/api/diagnostics/missing-call")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("verdict")).isEqualTo("SKIPPED");
        assertThat(answer.getString("decision.reason")).isEqualTo("SKIPPED_TOO_SHORT");
        assertThat(answer.getString("summary")).contains("pending on").contains("still in progress")
                .contains("skipped on").contains("(recheck)");
    }

    @Test
    void aDiagnosisOfAnUnchangedDecisionTellsNoHistory() {
        TestOrg org = connected();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(6601, "dave@acme.test");
        SimulatedCall call = org.call(dave, NOW.minus(Duration.ofMinutes(30)), 20);
        org.runAndWait().then().statusCode(200);
        org.runAndWait().then().statusCode(200);

        JsonPath answer = given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("aircallCallId", call.id())).post("/api/diagnostics/missing-call")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("decision.history.cause")).containsExactly("RUN");
        assertThat(answer.getString("summary")).doesNotContain("History:");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static TestOrg connected() {
        TestOrg org = TestOrg.create();
        org.connect().then().statusCode(200);
        org.connectedSince(NOW.minus(Duration.ofDays(2)));
        return org;
    }

    private static String backfill(TestOrg org, Instant from, Instant to) {
        String id = given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("from", from.toString(), "to", to.toString())).post("/api/backfills")
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(given().auth().oauth2(org.adminToken())
                .get("/api/backfills/" + id).then().statusCode(200).extract().path("status")));
        return id;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> historyOf(TestOrg org, long callId) {
        return (List<Map<String, Object>>) org.decisionOf(callId).get("history");
    }

    private static List<String> history(TestOrg org, long callId) {
        return historyOf(org, callId).stream().map(h -> entry((String) h.get("outcome"), (String) h.get("reason"),
                (String) h.get("cause"))).toList();
    }

    private static String entry(String outcome, String reason, String cause) {
        return outcome + "/" + reason + "/" + cause;
    }
}
