package io.airspeed.ingest.rest;

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
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * A 401/403 breaks the integration only when Aircall gave it to the key that is still stored; a
 * run's failure reaches the tenant as a short public message, never exception text.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class CredentialsRotationTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant CONNECTED = NOW.minus(Duration.ofDays(2));

    @Test
    void aRunHoldingTheOldKeyAfterAReconnectDoesNotBreakTheNewConnection() {
        TestOrg org = connectedOrgWithCalls(600, 7100);
        org.company.faults().addLatency(Duration.ofMillis(100));
        String runId = given().auth().oauth2(org.adminToken()).post("/api/ingestion/runs")
                .then().statusCode(202).extract().path("runs[0].id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> org.run(runId).getLong("progress.fetched") >= 50);

        // The admin rotates the key in Aircall and reconnects with the new one while the run still holds the old one.
        org.company.rotateCredentials(org.company.id() + "-id-2", org.company.id() + "-token-2");
        org.connect().then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(org.run(runId).getString("status")));
        assertThat(org.run(runId).getString("error")).contains("403");
        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(200)
                .body("status", equalTo("CONNECTED"))
                .body("brokenSince", nullValue());

        org.company.faults().clear();
        org.runAndWait().then().statusCode(200).body("runs[0].status", equalTo("SUCCEEDED"));
        assertThat(org.decisions("outcome=IMPORTED").getLong("totalItems")).isEqualTo(600);
    }

    @Test
    void a401ToTheCurrentKeyMarksTheIntegrationBroken() {
        TestOrg org = connectedOrgWithCalls(3, 7200);
        org.company.faults().rejectNextAsUnauthorized(1);

        JsonPath answer = org.runAndWait().then().statusCode(502).extract().jsonPath();
        assertThat(org.run(answer.getString("runs[0].id")).getString("error")).contains("401");
        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(200)
                .body("status", equalTo("BROKEN"))
                .body("brokenSince", notNullValue())
                .body("brokenReason", containsString("401"));
    }

    @Test
    void a403ToTheCurrentKeyMarksTheIntegrationBroken() {
        TestOrg org = connectedOrgWithCalls(3, 7300);
        org.company.revokeCredentials();

        org.runAndWait().then().statusCode(502);
        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(200)
                .body("status", equalTo("BROKEN"))
                .body("brokenReason", containsString("403"));
    }

    @Test
    void aFailedRunTellsTheTenantAShortReasonWithoutHostsOrExceptionText() {
        TestOrg org = connectedOrgWithCalls(3, 7400);
        org.usersServiceAnswers(503);

        String runId = org.runAndWait().then().statusCode(502).extract().path("runs[0].id");
        String error = org.run(runId).getString("error");
        assertThat(error).startsWith("users-service unavailable")
                .doesNotContain("localhost", "127.0.0.1", "http", "io.airspeed", "Exception", "status code");
        org.restoreUsersService();

        org.company.faults().failNextWithServerError(1000);
        String aircallRun = org.runAndWait().then().statusCode(502).extract().path("runs[0].id");
        assertThat(org.run(aircallRun).getString("error")).startsWith("Aircall did not answer after retries")
                .doesNotContain("localhost", "127.0.0.1", "HTTP 500", "Exception");
        org.company.faults().clear();
    }

    private static TestOrg connectedOrgWithCalls(int count, long aircallUserId) {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(aircallUserId, "dave@acme.test");
        IntStream.range(0, count).forEach(i -> org.call(dave, NOW.minus(Duration.ofHours(30)).plusSeconds(i * 30L), 120));
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);
        return org;
    }
}
