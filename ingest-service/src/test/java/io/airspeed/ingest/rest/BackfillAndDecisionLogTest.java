package io.airspeed.ingest.rest;

import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.DevTokens;
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
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class BackfillAndDecisionLogTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aBackfillImportsCallsFromBeforeTheConnection() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(7001, "dave@acme.test");
        SimulatedCall old = org.call(dave, NOW.minus(Duration.ofDays(20)), 300);
        SimulatedCall tooShort = org.call(dave, NOW.minus(Duration.ofDays(19)), 20);
        org.connect().then().statusCode(200);

        String id = given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("from", NOW.minus(Duration.ofDays(30)).toString(), "to", NOW.minus(Duration.ofDays(1)).toString()))
                .post("/api/backfills")
                .then().statusCode(202)
                .header("Location", containsString("/api/backfills/"))
                .body("kind", equalTo("BACKFILL"))
                .extract().path("id");

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(backfill(org, id).getString("status")));
        JsonPath done = backfill(org, id);
        assertThat(done.getLong("progress.fetched")).isEqualTo(2);
        assertThat(done.getLong("outcomes.IMPORTED")).isEqualTo(1);
        assertThat(done.getLong("reasons.SKIPPED_TOO_SHORT")).isEqualTo(1);
        assertThat(org.decisionOf(old.id()).get("outcome")).isEqualTo("IMPORTED");
        assertThat(org.decisionOf(tooShort.id()).get("primaryReason")).isEqualTo("SKIPPED_TOO_SHORT");
        assertThat(org.deliveriesOf(old.id())).isEqualTo(1);
    }

    @Test
    void aBackfillAfterTheRosterIsFixedImportsTheCallsSkippedBefore() {
        TestOrg org = TestOrg.create();
        SimulatedUser erin = org.aircallUser(7301, "erin@acme.test");
        SimulatedCall call = org.call(erin, NOW.minus(Duration.ofHours(6)), 300);
        org.connect().then().statusCode(200);
        org.connectedSince(NOW.minus(Duration.ofDays(1)));
        org.runAndWait().then().statusCode(200);
        assertThat(org.decisionOf(call.id()).get("primaryReason")).isEqualTo("SKIPPED_EMAIL_NOT_MATCHED");
        assertThat((String) org.decisionOf(call.id()).get("explanation")).contains("backfill");

        org.rosterUser("erin@acme.test");
        String id = startBackfill(org, NOW.minus(Duration.ofHours(7)), NOW.minus(Duration.ofHours(5)))
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(backfill(org, id).getString("status")));

        assertThat(org.decisionOf(call.id()).get("outcome")).isEqualTo("IMPORTED");
        assertThat(org.deliveriesOf(call.id())).isEqualTo(1);
    }

    @Test
    void aBackfilledRangeStaysExemptFromRuleSixInLaterScheduledRuns() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(7201, "dave@acme.test");
        SimulatedCall backfilledLong = org.call(dave, NOW.minus(Duration.ofHours(10)), 300);
        SimulatedCall backfilledShort = org.call(dave, NOW.minus(Duration.ofHours(9)), 20);
        SimulatedCall notBackfilled = org.call(dave, NOW.minus(Duration.ofHours(20)), 300);
        org.connect().then().statusCode(200);

        String id = startBackfill(org, NOW.minus(Duration.ofHours(12)), NOW.minusSeconds(60)).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(backfill(org, id).getString("status")));
        org.runAndWait().then().statusCode(200);

        assertThat(org.decisionOf(backfilledLong.id()).get("outcome")).isEqualTo("IMPORTED");
        assertThat(org.decisionOf(backfilledShort.id()).get("reasons")).isEqualTo(java.util.List.of("SKIPPED_TOO_SHORT"));
        assertThat(org.decisionOf(notBackfilled.id()).get("primaryReason")).isEqualTo("SKIPPED_OUTSIDE_INTEGRATION_WINDOW");
        assertThat(org.deliveriesOf(backfilledLong.id())).isEqualTo(1);
    }

    @Test
    void copesWithExclusiveAndInclusiveFromAndToBounds() {
        var settings = AircallSimulatorTestResource.simulator().settings();
        for (boolean inclusive : new boolean[] {false, true}) {
            settings.fromInclusive(inclusive).toInclusive(inclusive);
            try {
                TestOrg org = TestOrg.create();
                org.rosterUser("dave@acme.test");
                SimulatedUser dave = org.aircallUser(7101, "dave@acme.test");
                Instant from = NOW.minus(Duration.ofDays(5));
                Instant to = from.plusSeconds(3600);
                SimulatedCall atFrom = org.call(dave, from, 300);
                SimulatedCall lastSecond = org.call(dave, to.minusSeconds(1), 300);
                SimulatedCall atTo = org.call(dave, to, 300);
                org.connect().then().statusCode(200);

                String id = startBackfill(org, from, to).then().statusCode(202).extract().path("id");
                await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(backfill(org, id).getString("status")));

                assertThat(org.decisionOf(atFrom.id())).as("call at from, inclusive=%s", inclusive).isNotNull();
                assertThat(org.decisionOf(lastSecond.id())).as("call in the last second, inclusive=%s", inclusive).isNotNull();
                assertThat(org.decisionOf(atTo.id())).as("a backfill to T excludes a call at T").isNull();
            } finally {
                settings.fromInclusive(true).toInclusive(true);
            }
        }
    }

    @Test
    void aBackfillIsBoundedAndNeverInTheFuture() {
        TestOrg org = TestOrg.create();
        org.connect().then().statusCode(200);
        startBackfill(org, NOW.minus(Duration.ofDays(91)), NOW.minus(Duration.ofDays(0)).minusSeconds(60))
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"))
                .body("detail", containsString("90 days"));
        startBackfill(org, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)))
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        startBackfill(org, NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(2)))
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON).body(Map.of("from", "yesterday"))
                .post("/api/backfills").then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON).body(Map.of("from", NOW.toString()))
                .post("/api/backfills").then().statusCode(400).body("errors[0].field", equalTo("to"));
    }

    @Test
    void aBackfillNeedsAConnectedIntegrationAndIsNotVisibleToOtherOrgs() {
        TestOrg org = TestOrg.create();
        startBackfill(org, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2))).then().statusCode(404);
        org.connect().then().statusCode(200);
        String id = startBackfill(org, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2)))
                .then().statusCode(202).extract().path("id");
        TestOrg other = TestOrg.create();
        given().auth().oauth2(other.adminToken()).get("/api/backfills/" + id).then().statusCode(404);
        given().auth().oauth2(org.memberToken()).get("/api/backfills/" + id).then().statusCode(403);
    }

    @Test
    void readsA25000CallWindowCompletelyWithoutHittingThe10kCap() {
        TestOrg org = TestOrg.create();
        String companyId = "load" + org.orgId.toString().replace("-", "");
        LoadDataSet load = LoadDataSet.builder().company(companyId, "Load " + companyId)
                .credentials(companyId + "-id", companyId + "-token").calls(25_000).users(20)
                .range(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(9))).seed(7).build();
        var company = AircallSimulatorTestResource.simulator().addCompany(load.spec());
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("apiId", load.apiId(), "apiToken", load.apiToken()))
                .put("/api/integrations/aircall").then().statusCode(200);

        String id = startBackfill(org, NOW.minus(Duration.ofDays(11)), NOW.minus(Duration.ofDays(8)))
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !"RUNNING".equals(backfill(org, id).getString("status")));

        JsonPath run = backfill(org, id);
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getLong("progress.fetched")).isEqualTo(25_000);
        assertThat(run.getLong("progress.aircallTotal")).isEqualTo(25_000);
        assertThat(org.sqlLong("select count(*) from call_decisions where org_id = ?")).isEqualTo(25_000);
        // Above 10,000 the log's total is a lower bound, no longer a count of the whole org.
        JsonPath log = org.decisions("");
        assertThat(log.getLong("total.value")).isEqualTo(10_000);
        assertThat(log.getBoolean("total.exact")).isFalse();
        assertThat(company.counters().badRequests()).isZero();
        assertThat(company.counters().pagesServed()).isGreaterThanOrEqualTo(500);
    }

    @Test
    void theDecisionLogFiltersByCallOutcomeReasonTimeAndEmail() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(8001, "dave@acme.test");
        SimulatedUser erin = org.aircallUser(8002, "Erin@Contractor.test");
        Instant base = NOW.minus(Duration.ofHours(10));
        SimulatedCall first = org.call(dave, base, 300);
        SimulatedCall shortOne = org.call(dave, base.plusSeconds(600), 30);
        SimulatedCall erins = org.call(erin, base.plusSeconds(1200), 300);
        SimulatedCall erinsShort = org.call(erin, base.plusSeconds(1800), 30);
        org.connect().then().statusCode(200);
        org.connectedSince(NOW.minus(Duration.ofDays(1)));
        org.runAndWait().then().statusCode(200);

        assertThat(org.decisions("aircallCallId=" + first.id()).getList("items.aircallCallId", Long.class)).containsExactly(first.id());
        assertThat(org.decisions("outcome=SKIPPED").getList("items.aircallCallId", Long.class))
                .containsExactly(erinsShort.id(), erins.id(), shortOne.id());
        assertThat(org.decisions("reason=SKIPPED_EMAIL_NOT_MATCHED").getList("items.aircallCallId", Long.class))
                .containsExactly(erinsShort.id(), erins.id());
        assertThat(org.decisions("reason=SKIPPED_TOO_SHORT").getList("items.aircallCallId", Long.class))
                .containsExactly(erinsShort.id(), shortOne.id());
        assertThat(org.decisions("email=ERIN@contractor.TEST").getList("items.aircallCallId", Long.class))
                .containsExactly(erinsShort.id(), erins.id());
        assertThat(org.decisions("from=" + base.plusSeconds(600) + "&to=" + base.plusSeconds(1800)).getList("items.aircallCallId", Long.class))
                .containsExactly(erins.id(), shortOne.id());
        JsonPath paged = org.decisions("size=1&page=1".replace("size=200&", ""));
        assertThat(paged.getLong("totalItems")).isEqualTo(4);

        Map<String, Object> decision = org.decisionOf(erins.id());
        assertThat(decision.get("reasons")).isEqualTo(java.util.List.of("SKIPPED_EMAIL_NOT_MATCHED"));
        assertThat((String) decision.get("explanation")).contains("link");
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) decision.get("facts");
        assertThat(facts.get("aircallUserEmail")).isEqualTo("Erin@Contractor.test");
        assertThat(facts.get("aircallUserId")).isEqualTo(8002);
        assertThat(facts.get("durationSeconds")).isEqualTo(300);
        assertThat(facts.get("aircallLink")).isEqualTo("https://api.aircall.io/v1/calls/" + erins.id());

        given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?outcome=MAYBE")
                .then().statusCode(400).body("errors[0].field", equalTo("outcome"));
        given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?from=yesterday")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?aircallCallId=abc")
                .then().statusCode(400).body("errors[0].field", equalTo("aircallCallId"));
        given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?page=abc")
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
        given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?size=500")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        given().auth().oauth2(org.memberToken()).get("/api/ingestion/decisions").then().statusCode(403);
        assertThat(TestOrg.create().decisions("").getLong("totalItems")).isZero();
    }

    @Test
    void aServiceTokenRunsEveryConnectedOrg() {
        TestOrg first = TestOrg.create();
        TestOrg second = TestOrg.create();
        TestOrg disconnected = TestOrg.create();
        first.connect().then().statusCode(200);
        second.connect().then().statusCode(200);
        disconnected.connect().then().statusCode(200);
        given().auth().oauth2(disconnected.adminToken()).delete("/api/integrations/aircall").then().statusCode(204);

        JsonPath answer = TestOrg.triggerAllOrgsAndWait()
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("runs.orgId")).contains(first.orgId.toString(), second.orgId.toString())
                .doesNotContain(disconnected.orgId.toString());
        assertThat(answer.getList("runs.status")).containsOnly("SUCCEEDED");
        given().auth().oauth2(DevTokens.service()).get("/api/ingestion/runs/" + answer.getString("runs[0].id"))
                .then().statusCode(200).body("status", equalTo("SUCCEEDED")).body("window.from", notNullValue());
        given().auth().oauth2(first.adminToken()).get("/api/ingestion/runs/" + runOf(answer, second))
                .then().statusCode(404);
        given().auth().oauth2(first.memberToken()).post("/api/ingestion/runs").then().statusCode(403);
    }

    private static String runOf(JsonPath answer, TestOrg org) {
        return answer.getList("runs", Map.class).stream().filter(run -> org.orgId.toString().equals(run.get("orgId")))
                .map(run -> (String) run.get("id")).findFirst().orElseThrow();
    }

    private static io.restassured.response.Response startBackfill(TestOrg org, Instant from, Instant to) {
        return given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("from", from.toString(), "to", to.toString())).post("/api/backfills");
    }

    private static JsonPath backfill(TestOrg org, String id) {
        return given().auth().oauth2(org.adminToken()).get("/api/backfills/" + id).then().statusCode(200).extract().jsonPath();
    }
}
