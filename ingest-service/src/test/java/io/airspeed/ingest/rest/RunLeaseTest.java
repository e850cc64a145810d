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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The org lease with a short TTL (6 s, renewed every second): it is kept through a long 429 wait,
 * and a run that lost it stops without finishing over the run that took over.
 */
@QuarkusTest
@TestProfile(RunLeaseTest.ShortLease.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class RunLeaseTest {

    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.runs.lease-ttl", "PT6S", "ingest.runs.lease-renew-every", "PT1S");
        }
    }

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant CONNECTED = NOW.minus(Duration.ofDays(2));

    @Test
    void aRunKeepsItsLeaseThroughA429WaitLongerThanTheTtl() {
        TestOrg org = connectedOrgWithCalls(120, 8100);
        // Each 429 is waited out (2 s here when Aircall's reset is unusable): eight of them outlast the 6 s TTL.
        org.company.faults().rateLimitStorm(8);
        String first = given().auth().oauth2(org.adminToken()).post("/api/ingestion/runs")
                .then().statusCode(202).body("runs[0].joined", equalTo(false)).extract().path("runs[0].id");
        await().atMost(Duration.ofSeconds(10)).until(() -> org.company.counters().rateLimited() >= 5);

        // Well past the TTL into the storm, a second trigger finds the run alive and joins it.
        given().auth().oauth2(org.adminToken()).post("/api/ingestion/runs")
                .then().statusCode(202)
                .body("runs[0].id", equalTo(first))
                .body("runs[0].joined", equalTo(true));

        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(org.run(first).getString("status")));
        assertThat(org.run(first).getLong("aircall.throttled")).isEqualTo(8);
        assertThat(org.decisions("outcome=IMPORTED").getLong("totalItems")).isEqualTo(120);
        assertThat(org.deliveryCounts().values()).hasSize(120).containsOnly(1L);
    }

    @Test
    void aRunThatLostItsLeaseNeitherFinishesOverTheRunThatTookOverNorMovesTheCheckpointBack() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(8200, "dave@acme.test");
        List<SimulatedCall> calls = IntStream.range(0, 3)
                .mapToObj(i -> org.call(dave, NOW.minus(Duration.ofHours(30)).plusSeconds(i * 60L), 120)).toList();
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);
        // visibility-service takes 5 s over the batch holding one call: run A is stuck delivering it, after its only page committed.
        long slow = calls.get(0).id();
        PeerServicesTestResource.peers().stubFor(put(urlPathEqualTo(org.bulkPath()))
                .withRequestBody(containing("\"aircallCallId\":" + slow + ","))
                .atPriority(1).willReturn(aResponse().withStatus(201).withFixedDelay(5_000)
                        .withHeader("Content-Type", "application/json").withBody("{}")));

        String runA = given().auth().oauth2(org.adminToken()).post("/api/ingestion/runs")
                .then().statusCode(202).extract().path("runs[0].id");
        await().atMost(Duration.ofSeconds(10)).until(() -> org.decisionOf(slow) != null);

        // A's lease runs out by the database's clock (as after a long stall); run B takes the org over.
        org.sql("update org_leases set expires_at = now() - interval '1 second' where org_id = ?");
        JsonPath b = org.runAndWait().then().statusCode(200).extract().jsonPath();
        String runB = b.getString("runs[0].id");
        assertThat(runB).isNotEqualTo(runA);
        assertThat(b.getBoolean("runs[0].joined")).isFalse();
        Instant bWindowEnd = Instant.parse(org.run(runB).getString("window.to"));

        // A's delivery has returned by now (B delivered the same call after it, as slowly): A went on to its end.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);

        JsonPath a = org.run(runA);
        assertThat(a.getString("status")).isEqualTo("FAILED");
        assertThat(a.getString("error")).contains("Abandoned");
        assertThat(org.run(runB).getString("status")).isEqualTo("SUCCEEDED");
        JsonPath integration = given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall")
                .then().statusCode(200).extract().jsonPath();
        assertThat(Instant.parse(integration.getString("scannedUntil"))).isEqualTo(bWindowEnd);
        assertThat(org.decisions("").getLong("totalItems")).isEqualTo(3);
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
