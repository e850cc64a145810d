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
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * One test per cause: for every reason code and every "never fetched" case, the diagnosis by id,
 * by link and by time + email names it as the primary cause, with the article's remedy.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class MissingCallDiagnosisTest {

    /** Orgs this class connected; disconnected afterwards so later classes' schedules do not run them. */
    private static final java.util.List<TestOrg> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static TestOrg tracked(TestOrg org) {
        CREATED.add(org);
        return org;
    }

    @org.junit.jupiter.api.AfterAll
    static void disconnectEveryOrg() {
        // Straight in the database: the application's HTTP port is gone by now.
        CREATED.forEach(org -> org.sql("update integrations set status = 'DISCONNECTED' where org_id = ?"));
        CREATED.clear();
    }

    static final String PATH = "/api/diagnostics/missing-call";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant GAP_FROM = NOW.minus(Duration.ofHours(40));
    private static final Instant GAP_TO = NOW.minus(Duration.ofHours(30));

    /** One org for every case: its calls are set up and ingested once. */
    private static Scenario scenario;

    record Scenario(TestOrg org, Map<String, SimulatedCall> calls, Map<String, String> emails) {
    }

    static synchronized Scenario scenario() {
        if (scenario != null) {
            return scenario;
        }
        TestOrg org = tracked(TestOrg.create());
        org.rosterUser("dave@acme.test");
        org.rosterUser("carol@acme.test", "VIEWER", true, List.of(), List.of());
        SimulatedUser dave = org.aircallUser(9001, "dave@acme.test");
        SimulatedUser carol = org.aircallUser(9003, "carol@acme.test");
        SimulatedUser erin = org.aircallUser(9006, "erin@contractor.test");
        Map<String, SimulatedCall> calls = new LinkedHashMap<>();
        Map<String, String> emails = new LinkedHashMap<>();
        Instant base = NOW.minus(Duration.ofHours(20));
        calls.put("IMPORTED", org.call(dave, base, 300));
        calls.put("SKIPPED_TOO_SHORT", org.call(dave, base.plus(Duration.ofHours(1)), 59));
        calls.put("SKIPPED_NO_AIRCALL_USER", org.call(null, base.plus(Duration.ofHours(2)), 120));
        calls.put("SKIPPED_EMAIL_NOT_MATCHED", org.call(erin, base.plus(Duration.ofHours(3)), 300));
        calls.put("SKIPPED_NO_RECORDING_SEAT", org.call(carol, base.plus(Duration.ofHours(4)), 300));
        long noRecording = base.plus(Duration.ofHours(5)).getEpochSecond();
        calls.put("SKIPPED_NO_RECORDING", org.addCall(c -> c.user(dave).startedAt(noRecording).answeredAt(noRecording + 2)
                .endedAt(noRecording + 400).recordingAvailableAt(null)));
        long pending = NOW.minus(Duration.ofMinutes(20)).getEpochSecond();
        calls.put("PENDING_RECORDING", org.addCall(c -> c.user(dave).startedAt(pending).answeredAt(pending + 2)
                .endedAt(pending + 300).recordingAvailableAt(NOW.plus(Duration.ofDays(1)).getEpochSecond())));
        long going = NOW.minus(Duration.ofMinutes(40)).getEpochSecond();
        calls.put("PENDING_IN_PROGRESS", org.addCall(c -> c.user(dave).startedAt(going).answeredAt(going + 2).endedAt(null)));
        calls.put("SKIPPED_OUTSIDE_INTEGRATION_WINDOW", org.call(dave, NOW.minus(Duration.ofHours(60)), 300));
        long neverEnded = NOW.minus(Duration.ofHours(30)).getEpochSecond();
        calls.put("SKIPPED_NEVER_FINISHED", org.addCall(c -> c.user(dave).startedAt(neverEnded).answeredAt(neverEnded + 2).endedAt(null)));
        // Pending (no recording yet) and older than the next run's window: that run re-checks it by id.
        long deleted = NOW.minus(Duration.ofMinutes(125)).getEpochSecond();
        calls.put("SKIPPED_DELETED_IN_AIRCALL", org.addCall(c -> c.user(dave).startedAt(deleted).answeredAt(deleted + 2)
                .endedAt(deleted + 300).recordingAvailableAt(NOW.plus(Duration.ofDays(1)).getEpochSecond())));
        org.connect().then().statusCode(200);
        org.connectedSince(NOW.minus(Duration.ofHours(48)));
        org.runAndWait().then().statusCode(200);
        // Aircall deletes it; the next run finds it gone when it re-checks it.
        org.company.removeCall(calls.get("SKIPPED_DELETED_IN_AIRCALL").id());
        org.runAndWait().then().statusCode(200);

        // Calls ingestion never saw: they appear in Aircall after the run (or lie where no run reads).
        calls.put("NOT_FETCHED_BEFORE_CONNECTION", org.call(dave, NOW.minus(Duration.ofDays(5)), 300));
        org.sql("update connection_windows set closed_at = ?, close_cause = 'DISCONNECTED' where closed_at is null and org_id = ?", GAP_FROM);
        org.sql("insert into connection_windows (id, opened_at, org_id) values (gen_random_uuid(), ?, ?)", GAP_TO);
        calls.put("NOT_FETCHED_IN_GAP", org.call(dave, GAP_FROM.plus(Duration.ofHours(2)), 300));
        // As if the last run had read Aircall only up to three hours ago.
        org.sql("update integrations set scanned_until = ? where org_id = ?", NOW.minus(Duration.ofHours(3)));
        long newer = NOW.minus(Duration.ofMinutes(150)).getEpochSecond();
        calls.put("NOT_FETCHED_NEWER_THAN_LAST_RUN", org.addCall(c -> c.user(dave).startedAt(newer).answeredAt(newer + 2)
                .endedAt(newer + 200).recordingAvailableAt(newer + 200)));
        long goingOn = NOW.minus(Duration.ofMinutes(60)).getEpochSecond();
        calls.put("NOT_FETCHED_IN_PROGRESS", org.addCall(c -> c.user(dave).startedAt(goingOn).answeredAt(goingOn + 1).endedAt(null)));
        calls.forEach((name, call) -> emails.put(name, call.user() == null ? null : call.user().email()));
        // Aircall's search no longer returns a deleted call: only the id and links can name it.
        emails.put("SKIPPED_DELETED_IN_AIRCALL", null);
        scenario = new Scenario(org, calls, emails);
        return scenario;
    }

    /** cause, verdict, primary check, its status, its reason, words the remedy or summary must carry. */
    static Stream<Arguments> causes() {
        return Stream.of(
                Arguments.of("IMPORTED", "IMPORTED", null, null, null, "was imported"),
                Arguments.of("SKIPPED_TOO_SHORT", "SKIPPED", "MINIMUM_DURATION", "FAIL", "SKIPPED_TOO_SHORT", "60 seconds"),
                Arguments.of("SKIPPED_NO_AIRCALL_USER", "SKIPPED", "EMAIL_MATCH", "FAIL", "SKIPPED_NO_AIRCALL_USER", "handled by an Aircall user"),
                Arguments.of("SKIPPED_EMAIL_NOT_MATCHED", "SKIPPED", "EMAIL_MATCH", "FAIL", "SKIPPED_EMAIL_NOT_MATCHED", "link"),
                Arguments.of("SKIPPED_NO_RECORDING_SEAT", "SKIPPED", "RECORDING_SEAT", "FAIL", "SKIPPED_NO_RECORDING_SEAT", "Recording seat"),
                Arguments.of("SKIPPED_NO_RECORDING", "SKIPPED", "RECORDING", "FAIL", "SKIPPED_NO_RECORDING", "call recording"),
                Arguments.of("PENDING_RECORDING", "PENDING", "RECORDING", "UNKNOWN", "PENDING_RECORDING", "checked again"),
                Arguments.of("PENDING_IN_PROGRESS", "PENDING", "MINIMUM_DURATION", "UNKNOWN", "PENDING_IN_PROGRESS", "in progress"),
                Arguments.of("SKIPPED_NEVER_FINISHED", "SKIPPED", "MINIMUM_DURATION", "FAIL", "SKIPPED_NEVER_FINISHED", "in progress"),
                Arguments.of("SKIPPED_DELETED_IN_AIRCALL", "SKIPPED", "RECORDING", "FAIL", "SKIPPED_DELETED_IN_AIRCALL", "no longer has"),
                Arguments.of("SKIPPED_OUTSIDE_INTEGRATION_WINDOW", "SKIPPED", "INTEGRATION_CONNECTED", "FAIL",
                        "SKIPPED_OUTSIDE_INTEGRATION_WINDOW", "POST /api/backfills"),
                Arguments.of("NOT_FETCHED_BEFORE_CONNECTION", "NOT_FETCHED", "INTEGRATION_CONNECTED", "FAIL",
                        "SKIPPED_OUTSIDE_INTEGRATION_WINDOW", "before the integration was first connected"),
                Arguments.of("NOT_FETCHED_IN_GAP", "NOT_FETCHED", "INTEGRATION_CONNECTED", "FAIL",
                        "SKIPPED_OUTSIDE_INTEGRATION_WINDOW", "\"from\":\"" + GAP_FROM + "\",\"to\":\"" + GAP_TO + "\""),
                Arguments.of("NOT_FETCHED_IN_PROGRESS", "NOT_FETCHED", "MINIMUM_DURATION", "UNKNOWN", "PENDING_IN_PROGRESS", "still in progress"),
                Arguments.of("NOT_FETCHED_NEWER_THAN_LAST_RUN", "NOT_FETCHED", null, null, null, "newer than the last run"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("causes")
    void namesThePrimaryCauseByIdByLinkAndByTimeAndEmail(String cause, String verdict, String primaryCheck, String status,
                                                         String reason, String words) {
        Scenario s = scenario();
        SimulatedCall call = s.calls().get(cause);
        List<Map<String, Object>> forms = new ArrayList<>();
        forms.add(Map.of("aircallCallId", call.id()));
        forms.add(Map.of("aircallLink", "https://api.aircall.io/v1/calls/" + call.id()));
        forms.add(Map.of("aircallLink", "https://assets.aircall.io/calls/" + call.id() + "/recording"));
        if (s.emails().get(cause) != null) {
            forms.add(Map.of("startedAround", Instant.ofEpochSecond(call.startedAt()).plusSeconds(90).toString(),
                    "aircallUserEmail", s.emails().get(cause).toUpperCase(), "toleranceMinutes", 10));
        }
        for (Map<String, Object> form : forms) {
            Response response = diagnose(s.org().adminToken(), form);
            JsonPath answer = response.then().statusCode(200).extract().jsonPath();
            String as = cause + " asked by " + form.keySet();
            assertThat(answer.getString("verdict")).as(as).isEqualTo(verdict);
            assertThat(answer.getString("primaryCheck")).as(as).isEqualTo(primaryCheck);
            assertThat(answer.getLong("call.aircallCallId")).as(as).isEqualTo(call.id());
            assertThat(answer.getList("checks.check")).as(as).containsExactly("EMAIL_MATCH", "RECORDING_SEAT",
                    "MINIMUM_DURATION", "RECORDING", "VISIBILITY", "INTEGRATION_CONNECTED");
            assertThat(answer.getList("checks.rule")).as(as).containsExactly(1, 2, 3, 4, 5, 6);
            String text = answer.getString("summary") + "\n" + answer.getString("support.text");
            if (primaryCheck != null) {
                Map<String, Object> check = answer.getMap("checks.find { it.check == '" + primaryCheck + "' }");
                assertThat(check.get("status")).as(as).isEqualTo(status);
                assertThat(check.get("reason")).as(as).isEqualTo(reason);
                text += "\n" + check.get("detail") + "\n" + check.get("remedy");
            }
            assertThat(text).as(as).contains(words);
            assertThat(answer.getString("support.aircallLink")).as(as).contains(Long.toString(call.id()));
            assertThat(answer.getList("support.checks")).as(as).hasSize(6);
            if (verdict.equals("NOT_FETCHED")) {
                assertThat(answer.getMap("decision")).as(as).isNull();
            } else {
                assertThat(answer.getString("decision.outcome")).as(as).isEqualTo(verdict);
                assertThat(answer.getString("decision.reason")).as(as).isEqualTo(reason);
                assertThat(answer.getString("decision.runId")).as(as).isNotNull();
                // The history ends with the current decision; a call re-checked after waiting has its wait before it.
                List<Map<String, Object>> history = answer.getList("decision.history");
                assertThat(history).as(as).hasSize("SKIPPED_DELETED_IN_AIRCALL".equals(reason) ? 2 : 1);
                assertThat(history.get(history.size() - 1)).as(as).containsEntry("outcome", verdict).containsEntry("reason", reason);
                assertThat(answer.getString("support.text")).as(as).contains(answer.getString("decision.runId"));
            }
            if (form.containsKey("startedAround")) {
                assertThat(answer.getList("candidates.aircallCallId", Long.class)).as(as).contains(call.id());
            }
        }
    }

    @Test
    void aCallNeitherAircallNorAirspeedKnowsIsNotFound() {
        Scenario s = scenario();
        for (Map<String, Object> form : List.of(Map.<String, Object>of("aircallCallId", 987654321987L),
                Map.<String, Object>of("aircallLink", "https://dashboard.aircall.io/calls/987654321987"),
                Map.<String, Object>of("startedAround", NOW.toString(), "aircallUserEmail", "nobody@acme.test"))) {
            diagnose(s.org().adminToken(), form).then().statusCode(200)
                    .body("verdict", equalTo("NOT_FOUND")).body("call", equalTo(null)).body("primaryCheck", equalTo(null))
                    .body("checks.size()", equalTo(6)).body("candidates.size()", equalTo(0));
        }
    }

    @Test
    void theGapIsNamedWithItsDatesAndTheRemedyBackfillsExactlyIt() {
        Scenario s = scenario();
        JsonPath answer = diagnose(s.org().adminToken(), Map.of("aircallCallId", s.calls().get("NOT_FETCHED_IN_GAP").id()))
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> rule6 = answer.getMap("checks.find { it.check == 'INTEGRATION_CONNECTED' }");
        assertThat((String) rule6.get("detail")).contains("disconnection gap from " + GAP_FROM + " to " + GAP_TO);
        assertThat((String) rule6.get("remedy")).contains("{\"from\":\"" + GAP_FROM + "\",\"to\":\"" + GAP_TO + "\"}");
        assertThat(rule6.get("now")).isEqualTo("FAIL");
    }

    @Test
    void thenAndNowAnEmailThatMatchesTodayIsTold() {
        Scenario s = scenario();
        TestOrg org = tracked(TestOrg.create());
        SimulatedUser erin = org.aircallUser(9106, "erin@contractor.test");
        SimulatedCall call = org.call(erin, NOW.minus(Duration.ofHours(3)), 300);
        org.connect().then().statusCode(200);
        org.connectedSince(NOW.minus(Duration.ofDays(1)));
        org.runAndWait().then().statusCode(200);
        org.rosterUser("erin.field@acme.test", "RECORDING", true, List.of("erin@contractor.test"), List.of());

        JsonPath answer = diagnose(org.adminToken(), Map.of("aircallCallId", call.id())).then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("verdict")).isEqualTo("SKIPPED");
        Map<String, Object> rule1 = answer.getMap("checks.find { it.check == 'EMAIL_MATCH' }");
        assertThat(rule1.get("status")).isEqualTo("FAIL");
        assertThat(rule1.get("now")).isEqualTo("PASS");
        assertThat(answer.getString("summary")).contains("every rule passes").contains("POST /api/backfills");
        assertThat(s).isNotNull();
    }

    @Test
    void aSharedInboxIsRecognisedAndTheFixNamesItsAircallUserId() {
        TestOrg org = tracked(TestOrg.create());
        SimulatedUser inbox = org.aircallUser(9205, "support@acme.test");
        SimulatedCall call = org.call(inbox, NOW.minus(Duration.ofHours(3)), 300);
        org.connect().then().statusCode(200);
        org.connectedSince(NOW.minus(Duration.ofDays(1)));
        org.runAndWait().then().statusCode(200);

        JsonPath answer = diagnose(org.adminToken(), Map.of("aircallCallId", call.id())).then().statusCode(200).extract().jsonPath();
        Map<String, Object> rule1 = answer.getMap("checks.find { it.check == 'EMAIL_MATCH' }");
        assertThat((String) rule1.get("detail")).contains("support@acme.test").contains("shared inbox or team account");
        assertThat((String) rule1.get("remedy")).contains("links Aircall user id 9205 to the person who should own its calls")
                .contains("or leaves them out");
    }

    @Test
    void findsTheAircallUserPastTheFirstPageOfUsersAndAsksAircallWithinABoundedBudget() {
        TestOrg org = tracked(TestOrg.create());
        SimulatedUser last = null;
        for (int i = 1; i <= 120; i++) {
            last = org.aircallUser(20_000 + i, "agent" + i + "@acme.test");
        }
        SimulatedCall call = org.call(last, NOW.minus(Duration.ofHours(2)), 300);
        org.connect().then().statusCode(200);
        long before = org.company.counters().requests();

        JsonPath answer = diagnose(org.adminToken(), Map.of("startedAround", Instant.ofEpochSecond(call.startedAt()).toString(),
                "aircallUserEmail", "Agent120@acme.test")).then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("verdict")).isEqualTo("NOT_FETCHED");
        assertThat(answer.getLong("call.aircallCallId")).isEqualTo(call.id());
        assertThat(answer.getList("candidates.aircallCallId", Long.class)).containsExactly(call.id());
        // Three pages of users (50, 50, 20) and one search page.
        assertThat(org.company.counters().requests() - before).isEqualTo(4);
    }

    @Test
    void aRequestMustNameTheCallInExactlyOneWay() {
        TestOrg org = scenario().org();
        expectField(org, Map.of(), "aircallCallId");
        expectField(org, Map.of("aircallCallId", 1, "aircallLink", "https://api.aircall.io/v1/calls/1"), "aircallLink");
        expectField(org, Map.of("aircallCallId", 1, "startedAround", NOW.toString(), "aircallUserEmail", "a@b.c"), "startedAround");
        expectField(org, Map.of("aircallLink", "https://example.com/calls/12"), "aircallLink");
        expectField(org, Map.of("aircallLink", "not a link"), "aircallLink");
        expectField(org, Map.of("aircallLink", "https://dashboard.aircall.io/settings"), "aircallLink");
        expectField(org, Map.of("aircallCallId", -4), "aircallCallId");
        expectField(org, Map.of("aircallCallId", "abc"), "aircallCallId");
        expectField(org, Map.of("startedAround", NOW.toString()), "aircallUserEmail");
        expectField(org, Map.of("aircallUserEmail", "dave@acme.test"), "startedAround");
        expectField(org, Map.of("startedAround", "yesterday", "aircallUserEmail", "dave@acme.test"), "startedAround");
        expectField(org, Map.of("startedAround", NOW.toString(), "aircallUserEmail", "dave@acme.test", "toleranceMinutes", 0), "toleranceMinutes");
        expectField(org, Map.of("startedAround", NOW.toString(), "aircallUserEmail", "dave@acme.test", "toleranceMinutes", 721), "toleranceMinutes");
        expectField(org, Map.of("aircallCallId", 1, "callId", 2), "callId");
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON).post(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("aircallCallId"));
        given().auth().oauth2(io.airspeed.testsupport.DevTokens.service()).contentType(ContentType.JSON)
                .body(Map.of("aircallCallId", 1)).post(PATH).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("aircallCallId", 1)).post(PATH).then().statusCode(401);
    }

    @Test
    void dashboardLinksCarryingTheIdAreRead() {
        Scenario s = scenario();
        long id = s.calls().get("SKIPPED_TOO_SHORT").id();
        for (String link : List.of("https://dashboard.aircall.io/conversations/" + id, "https://dashboard.aircall.io/calls/" + id + "?tab=notes",
                "https://dashboard.aircall.io/#/calls/" + id, "https://dashboard.aircall.io/activity?call_id=" + id)) {
            diagnose(s.org().adminToken(), Map.of("aircallLink", link)).then().statusCode(200)
                    .body("call.aircallCallId", equalTo(id)).body("primaryCheck", equalTo("MINIMUM_DURATION"))
                    .body("support.aircallLink", equalTo("https://api.aircall.io/v1/calls/" + id));
        }
    }

    private static void expectField(TestOrg org, Map<String, Object> body, String field) {
        diagnose(org.adminToken(), body).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("detail", containsString(field));
    }

    static Response diagnose(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(PATH);
    }
}
