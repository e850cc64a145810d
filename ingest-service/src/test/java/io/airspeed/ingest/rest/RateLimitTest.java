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

/**
 * The client keeps under the company's limit by itself: against a simulator enforcing the same
 * limit, a run (a replay too) that needs more requests than one window allows receives no 429 at all.
 * (A one-minute window would make this test last minutes, so both sides use 2 seconds.)
 */
@QuarkusTest
@TestProfile(RateLimitTest.FiveRequestsPerTwoSeconds.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class RateLimitTest {

    public static class FiveRequestsPerTwoSeconds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.aircall.rate-limit-per-minute", "5", "ingest.aircall.rate-limit-window", "PT2S");
        }
    }

    @Test
    void neverExceedsTheConfiguredLimit() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestOrg org = TestOrg.create();
        org.company.setRateLimit(new RateLimit(5, Duration.ofSeconds(2)));
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(9001, "dave@acme.test");
        IntStream.range(0, 600).forEach(i -> org.call(dave, now.minus(Duration.ofHours(20)).plusSeconds(i * 10L), 120));
        org.connect().then().statusCode(200);
        org.connectedSince(now.minus(Duration.ofDays(1)));
        org.company.resetCounters();

        long started = System.nanoTime();
        String runId = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        JsonPath run = org.run(runId);
        long requests = run.getLong("aircall.requests");
        assertThat(requests).isGreaterThanOrEqualTo(12);
        assertThat(run.getLong("aircall.throttled")).isZero();
        assertThat(org.company.counters().rateLimited()).isZero();
        assertThat(run.getLong("progress.fetched")).isEqualTo(600);
        // 5 per 2 s: the requests after the first window must have waited.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2 * ((requests - 1) / 5)));
    }

    @Test
    void aReplayOfFiveHundredSkippedCallsStaysWithinTheRateLimitWithAtMostFifteenRequests() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestOrg org = TestOrg.create();
        org.company.setRateLimit(new RateLimit(5, Duration.ofSeconds(2)));
        UUID carol = org.rosterUser("carol@acme.test", "VIEWER", true, List.of(), List.of());
        SimulatedUser carolInAircall = org.aircallUser(9002, "carol@acme.test");
        IntStream.range(0, 500).forEach(i -> org.call(carolInAircall, now.minus(Duration.ofHours(20)).plusSeconds(i * 10L), 120));
        org.connect().then().statusCode(200);
        org.connectedSince(now.minus(Duration.ofDays(1)));
        org.runAndWait().then().statusCode(200);
        org.company.resetCounters();

        org.updateRosterUser(carol, "RECORDING", true, List.of(), List.of());
        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 1, carol, "SEAT_CHANGED", true,
                "MEMBER", "RECORDING", List.of("carol@acme.test"), List.of()))).then().statusCode(204);
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(replay(org).getString("status")));

        String replayId = replay(org).getString("id");
        JsonPath run = org.run(replayId);
        assertThat(run.getString("kind")).isEqualTo("REPLAY");
        assertThat(run.getLong("aircall.requests")).isLessThanOrEqualTo(15);
        assertThat(run.getLong("aircall.throttled")).isZero();
        assertThat(org.company.counters().rateLimited()).isZero();
        assertThat(replay(org).getInt("counts.imported")).isEqualTo(500);
    }

    private static JsonPath replay(TestOrg org) {
        return given().auth().oauth2(org.adminToken()).get("/api/replays")
                .then().statusCode(200).extract().jsonPath().setRootPath("items[0]");
    }
}
