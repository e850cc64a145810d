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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A backfill asked for while the org's run is going is queued (202, QUEUED), not refused; queued
 * backfills run one after the other in the order they were asked for, each showing its place in
 * the queue, then its progress. At most {@code ingest.backfill.max-queued} (here 3) wait at once.
 * The company's Aircall answers 2 requests a second, so that a run of 500 calls lasts seconds.
 */
@QuarkusTest
@TestProfile(QueuedBackfillsTest.ThreeQueued.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class QueuedBackfillsTest {

    public static class ThreeQueued implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.backfill.max-queued", "3");
        }
    }

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant A = NOW.minus(Duration.ofDays(10));
    private static final Instant B = NOW.minus(Duration.ofDays(5));

    @Test
    void twoBackfillsRequestedBackToBackBothRunInOrderEachWithItsProgress() {
        TestOrg org = slowOrgWithCallsAt(A, B);

        JsonPath first = backfill(org, A, A.plus(Duration.ofDays(1))).then().statusCode(202)
                .body("status", equalTo("QUEUED")).body("kind", equalTo("BACKFILL")).extract().jsonPath();
        JsonPath second = backfill(org, B, B.plus(Duration.ofDays(1))).then().statusCode(202)
                .body("status", equalTo("QUEUED")).body("progress.fetched", equalTo(0)).extract().jsonPath();
        assertThat(second.getLong("queuePosition")).isBetween(1L, 2L);

        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(150)).until(() -> {
            JsonPath a = get(org, first.getString("id"));
            JsonPath b = get(org, second.getString("id"));
            seen.add(a.getString("status") + "|" + b.getString("status") + "|" + b.get("queuePosition") + "|"
                    + b.getLong("progress.fetched") + "|" + b.get("progress.aircallTotal"));
            return "SUCCEEDED".equals(b.getString("status"));
        });

        assertThat(seen).as("the second waits, first in the queue, with nothing fetched, while the first runs")
                .anyMatch(s -> s.equals("RUNNING|QUEUED|1|0|null"));
        assertThat(seen).as("the second runs only after the first succeeded, with its own progress of Aircall's total")
                .allMatch(s -> !s.contains("|RUNNING|") || s.startsWith("SUCCEEDED|"))
                .anyMatch(s -> s.matches("SUCCEEDED\\|RUNNING\\|null\\|[0-9]+\\|500"));
        JsonPath a = get(org, first.getString("id"));
        JsonPath b = get(org, second.getString("id"));
        assertThat(a.getLong("progress.fetched")).isEqualTo(500);
        assertThat(b.getLong("progress.fetched")).isEqualTo(500);
        assertThat(Instant.parse(b.getString("startedAt"))).isAfterOrEqualTo(Instant.parse(a.getString("finishedAt")));
        assertThat(org.decisions("outcome=IMPORTED").getLong("totalItems")).isEqualTo(1000);
    }

    @Test
    void aBackfillAskedForDuringAScheduledRunWaitsForItAndThenRuns() {
        TestOrg org = slowOrgWithCallsAt(NOW.minus(Duration.ofHours(20)), B);
        String scheduled = given().auth().oauth2(org.adminToken()).post("/api/ingestion/runs")
                .then().statusCode(202).extract().path("runs[0].id");

        String backfill = backfill(org, B, B.plus(Duration.ofDays(1))).then().statusCode(202)
                .body("status", equalTo("QUEUED")).extract().path("id");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> "SUCCEEDED".equals(get(org, backfill).getString("status")));

        JsonPath run = org.run(scheduled);
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(Instant.parse(get(org, backfill).getString("startedAt"))).isAfterOrEqualTo(Instant.parse(run.getString("finishedAt")));
        assertThat(get(org, backfill).getLong("progress.fetched")).isEqualTo(500);
    }

    @Test
    void anOrgMayHaveAtMostTheConfiguredNumberOfBackfillsWaiting() {
        TestOrg org = slowOrgWithCallsAt(A, B);
        String running = backfill(org, A, A.plus(Duration.ofDays(1))).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(get(org, running).getString("status")));

        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant from = NOW.minus(Duration.ofDays(30 + i));
            queued.add(backfill(org, from, from.plusSeconds(3600)).then().statusCode(202)
                    .body("status", equalTo("QUEUED")).body("queuePosition", equalTo(i + 1)).extract().path("id"));
        }
        Instant from = NOW.minus(Duration.ofDays(40));
        backfill(org, from, from.plusSeconds(3600)).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("3 backfills of your org are already waiting (at most 3)"));

        TestOrg other = TestOrg.create();
        other.connect().then().statusCode(200);
        backfill(other, from, from.plusSeconds(3600)).then().statusCode(202);

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> queued.stream().allMatch(id -> "SUCCEEDED".equals(get(org, id).getString("status"))));
        // Once they have run, there is room again.
        backfill(org, from, from.plusSeconds(3600)).then().statusCode(202);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** 500 imported-to-be calls from each start, a minute apart, at a company answering 2 requests a second. */
    private static TestOrg slowOrgWithCallsAt(Instant... starts) {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(5001, "dave@acme.test");
        for (Instant start : starts) {
            IntStream.range(0, 500).forEach(i -> org.call(dave, start.plusSeconds(60L * i), 120));
        }
        org.connect().then().statusCode(200);
        org.connectedSince(NOW.minus(Duration.ofDays(1)));
        org.company.setRateLimit(new RateLimit(2, Duration.ofSeconds(1)));
        return org;
    }

    private static Response backfill(TestOrg org, Instant from, Instant to) {
        return given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("from", from.toString(), "to", to.toString())).post("/api/backfills");
    }

    private static JsonPath get(TestOrg org, String id) {
        return given().auth().oauth2(org.adminToken()).get("/api/backfills/" + id).then().statusCode(200).extract().jsonPath();
    }
}
