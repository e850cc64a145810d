package io.airspeed.ingest.rest;

import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;
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
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Dependencies that fail, and runs that stop half-way, lose nothing and duplicate nothing. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class ResilienceTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant CONNECTED = NOW.minus(Duration.ofDays(2));

    @Test
    void whenUsersServiceIsDownTheRunFailsAndDecidesNothing() {
        TestOrg org = connectedOrgWithCalls(5);
        org.usersServiceAnswers(503);

        JsonPath answer = org.runAndWait().then().statusCode(502).extract().jsonPath();
        String runId = answer.getString("runs[0].id");
        assertThat(answer.getString("runs[0].status")).isEqualTo("FAILED");
        assertThat(org.run(runId).getString("error")).contains("users-service");
        assertThat(org.decisions("").getLong("totalItems")).isZero();

        org.restoreUsersService();
        org.runAndWait().then().statusCode(200);
        assertThat(org.decisions("outcome=IMPORTED").getLong("totalItems")).isEqualTo(5);
    }

    @Test
    void whenVisibilityServiceIsDownCallsStayImportedAndAreDeliveredWhenItReturns() {
        TestOrg org = connectedOrgWithCalls(4);
        org.visibilityAnswers(503);

        String runId = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");
        assertThat(org.run(runId).getLong("deliveryPending")).isEqualTo(4);
        JsonPath imported = org.decisions("outcome=IMPORTED");
        assertThat(imported.getLong("totalItems")).isEqualTo(4);
        assertThat(imported.getList("items.delivery.status")).containsOnly("PENDING");

        org.visibilityAnswers(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(org.decisions("outcome=IMPORTED").getList("items.delivery.status")).containsOnly("DELIVERED"));
    }

    @Test
    void aircallRejectingTheKeyMidRunMarksTheIntegrationBroken() {
        TestOrg org = connectedOrgWithCalls(3);
        org.company.revokeCredentials();

        JsonPath answer = org.runAndWait().then().statusCode(502).extract().jsonPath();
        assertThat(org.run(answer.getString("runs[0].id")).getString("error")).contains("403");
        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(200)
                .body("status", equalTo("BROKEN"))
                .body("brokenSince", notNullValue())
                .body("brokenReason", containsString("403"))
                .body("windows[0].to", notNullValue());
        org.runAndWait().then().statusCode(409).body("detail", containsString("BROKEN"));
    }

    @Test
    void recoversFromA429StormAndBurstsOf500s() {
        TestOrg org = connectedOrgWithCalls(160);
        org.company.setRateLimit(new RateLimit(1000, Duration.ofSeconds(1)));
        org.company.faults().rateLimitStorm(3);
        org.company.faults().failNextWithServerError(4);

        String runId = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");
        JsonPath run = org.run(runId);
        assertThat(run.getLong("aircall.throttled")).isEqualTo(3);
        assertThat(run.getLong("aircall.retries")).isGreaterThanOrEqualTo(4);
        assertThat(org.decisions("outcome=IMPORTED").getLong("totalItems")).isEqualTo(160);
    }

    @Test
    void aRunStoppedHalfWayIsResumedByTheNextWithNoLossAndNoDuplicate() {
        TestOrg org = connectedOrgWithCalls(600);
        org.company.faults().addLatency(Duration.ofMillis(150));
        String runId = given().auth().oauth2(org.adminToken()).post("/api/ingestion/runs")
                .then().statusCode(202).extract().path("runs[0].id");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> org.run(runId).getLong("progress.fetched") >= 100);
        org.company.faults().failNextWithServerError(1000);

        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(org.run(runId).getString("status")));
        long decidedBeforeFailure = org.decisions("").getLong("totalItems");
        assertThat(decidedBeforeFailure).isBetween(100L, 599L);

        org.company.faults().clear();
        org.runAndWait().then().statusCode(200);
        assertThat(org.decisions("").getLong("totalItems")).isEqualTo(600);
        assertThat(org.decisions("outcome=IMPORTED").getLong("totalItems")).isEqualTo(600);
        var deliveries = org.deliveryCounts();
        assertThat(deliveries).hasSize(600);
        assertThat(deliveries.values()).containsOnly(1L);
    }

    @Test
    void aCrashedRunsLeaseExpiresAndTheNextRunTakesOver() {
        TestOrg org = connectedOrgWithCalls(10);
        UUID crashed = UUID.randomUUID();
        org.sql("insert into ingestion_runs (id, kind, status, trigger, window_from, window_to, cursor_at, created_at, heartbeat_at, org_id)"
                        + " values (?, 'SCHEDULED', 'RUNNING', 'cron', ?, ?, ?, ?, ?, ?)",
                crashed, CONNECTED, NOW, CONNECTED, NOW.minusSeconds(600), NOW.minusSeconds(600));
        org.sql("insert into org_leases (run_id, expires_at, org_id) values (?, ?, ?)", crashed, NOW.minusSeconds(480));

        org.runAndWait().then().statusCode(200).body("runs[0].status", equalTo("SUCCEEDED"));
        assertThat(org.run(crashed.toString()).getString("status")).isEqualTo("FAILED");
        assertThat(org.run(crashed.toString()).getString("error")).contains("Abandoned");
        assertThat(org.decisions("outcome=IMPORTED").getLong("totalItems")).isEqualTo(10);
    }

    @Test
    void aSecondTriggerJoinsTheRunningRunInsteadOfStartingAnother() {
        TestOrg org = connectedOrgWithCalls(300);
        org.company.faults().addLatency(Duration.ofMillis(100));
        String first = given().auth().oauth2(org.adminToken()).post("/api/ingestion/runs")
                .then().statusCode(202).body("runs[0].joined", equalTo(false)).extract().path("runs[0].id");
        given().auth().oauth2(org.adminToken()).post("/api/ingestion/runs")
                .then().statusCode(202)
                .body("runs[0].id", equalTo(first))
                .body("runs[0].joined", equalTo(true));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(org.run(first).getString("status")));
        org.company.faults().clear();
    }

    private static TestOrg connectedOrgWithCalls(int count) {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(5000 + count, "dave@acme.test");
        IntStream.range(0, count).forEach(i -> org.call(dave, NOW.minus(Duration.ofHours(30)).plusSeconds(i * 30L), 120));
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);
        return org;
    }
}
