package io.airspeed.ingest.rest;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.ingest.service.DeliveryService;
import io.airspeed.ingest.service.IngestionSchedule;
import io.airspeed.ingest.service.VertxContexts;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox towards visibility-service: versioned deliveries, shared by drainers without
 * duplicates, refusals dead-lettered, and nothing internal in what a tenant reads. Deliveries are
 * counted where they arrive (the stub's request journal).
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class DeliveryOutboxTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant CONNECTED = NOW.minus(Duration.ofDays(2));
    private static final Pattern DEAD_LETTERED_METRIC = Pattern.compile(
            "(?m)^ingest_deliveries_total\\{[^}]*result=\"dead_lettered\"[^}]*} ([0-9.E]+)$");

    @Inject
    DeliveryService delivery;

    @Inject
    VertxContexts contexts;

    @Inject
    Scheduler scheduler;

    @Test
    void twoDrainersOverOneBacklogDeliverEachCallExactlyOnce() {
        TestOrg org = connectedOrgWithCalls(40);
        org.visibilityAnswers(503);
        org.runAndWait().then().statusCode(200);
        assertThat(org.decisions("outcome=IMPORTED").getList("items.delivery.status")).hasSize(40).containsOnly("PENDING");

        // Slow answers, so that both drainers are busy with the backlog at the same time.
        org.visibilityAnswers(aResponse().withStatus(201).withFixedDelay(300)
                .withHeader("Content-Type", "application/json").withBody("{}"));
        org.sql("update call_decisions set next_delivery_at = now() - interval '1 second' where org_id = ?");
        Uni.join().all(
                        contexts.onFreshContext(delivery::retryDue),
                        contexts.onFreshContext(delivery::retryDue))
                .andFailFast().await().atMost(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(org.decisions("outcome=IMPORTED").getList("items.delivery.status")).containsOnly("DELIVERED"));
        Map<Long, Long> accepted = acceptedDeliveries(org);
        assertThat(accepted).hasSize(40);
        assertThat(accepted.values()).as("deliveries per call, as visibility-service received them").containsOnly(1L);
    }

    @ParameterizedTest(name = "visibility-service answers {0}")
    @ValueSource(ints = {400, 422})
    void aDeliveryRefusedForGoodIsDeadLetteredCountedAndNotRetried(int status) {
        TestOrg org = connectedOrgWithCalls(3);
        org.visibilityAnswers(aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Invalid field\",\"status\":" + status
                        + ",\"detail\":\"durationSeconds: must be >= 0 (db-7.internal)\"}"));
        double before = deadLetteredMetric();

        String runId = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");

        JsonPath run = org.run(runId);
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getLong("deliveryDeadLettered")).isEqualTo(3);
        assertThat(run.getLong("deliveryPending")).isZero();
        JsonPath imported = org.decisions("outcome=IMPORTED");
        assertThat(imported.getList("items.delivery.status")).hasSize(3).containsOnly("DEAD_LETTERED");
        assertThat(imported.getList("items.delivery.lastError"))
                .containsOnly("rejected by visibility-service: " + status + " Invalid field");
        assertThat(deadLetteredMetric() - before).isGreaterThanOrEqualTo(3);

        // The refused batch was sent again call by call, once each, to find the calls refused on their own.
        assertThat(org.bulkDeliverySizes()).containsExactly(3);
        assertThat(org.singleDeliveries()).isEqualTo(3);
        Map<Long, Long> sent = org.deliveryCounts();
        assertThat(sent).hasSize(3);
        // Several retry periods later (every second in tests), nothing was sent again.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        org.runAndWait().then().statusCode(200);
        assertThat(org.deliveryCounts()).isEqualTo(sent);
    }

    @Test
    void aCallWhoseFactsChangeIsDeliveredAgainWithAHigherVersion() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(7100, "dave@acme.test");
        // Recent enough that every later run's rescan overlap reads it again.
        long callId = org.call(dave, Instant.now().minus(Duration.ofMinutes(20)), 120).id();
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);
        org.runAndWait().then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> org.deliveriesOf(callId) == 1);
        org.runAndWait().then().statusCode(200);
        assertThat(org.deliveriesOf(callId)).as("unchanged facts are not delivered again").isEqualTo(1);

        org.company.updateCall(callId, call -> call.toBuilder().rawDigits("+33 1 99 99 99 99").build());
        org.runAndWait().then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> org.deliveriesOf(callId) == 2);
        List<Long> versions = PeerServicesTestResource.peers().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(org.bulkPath()))
                .sorted(java.util.Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .map(event -> new JsonPath(event.getRequest().getBodyAsString())
                        .getLong("calls.find { it.aircallCallId == " + callId + " }.deliveryVersion"))
                .toList();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1)).isGreaterThan(versions.get(0));
        assertThat(org.decisionOf(callId)).extracting(d -> ((Map<?, ?>) d.get("delivery")).get("status")).isEqualTo("DELIVERED");
    }

    @Test
    void aPageIsDeliveredInOneBulkRequest() {
        TestOrg org = connectedOrgWithCalls(120);

        org.runAndWait().then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> org.deliveryCounts().size() == 120);
        // Aircall's pages hold 50 calls: three pages, three requests, none call by call.
        assertThat(org.bulkDeliverySizes()).containsExactlyInAnyOrder(50, 50, 20);
        assertThat(org.singleDeliveries()).isZero();
        assertThat(org.deliveryCounts().values()).containsOnly(1L);
        assertThat(org.decisions("outcome=IMPORTED").getList("items.delivery.status")).containsOnly("DELIVERED");
    }

    @Test
    void aBatchRefusedForOneCallDeadLettersThatCallAndDeliversTheOthers() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(7404, "dave@acme.test");
        long refused = org.call(dave, NOW.minus(Duration.ofHours(30)), 120).id();
        IntStream.range(1, 4).forEach(i -> org.call(dave, NOW.minus(Duration.ofHours(30)).plusSeconds(i * 30L), 120));
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);
        org.visibilityAnswers(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400}"));
        PeerServicesTestResource.peers().stubFor(put(urlPathMatching("/internal/orgs/" + org.orgId + "/calls/[0-9]+"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));
        PeerServicesTestResource.peers().stubFor(put(urlPathMatching("/internal/orgs/" + org.orgId + "/calls/" + refused))
                .atPriority(1).willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"about:blank\",\"title\":\"Invalid field\",\"status\":422}")));

        String runId = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");

        assertThat(org.run(runId).getLong("deliveryDeadLettered")).isEqualTo(1);
        Map<String, Object> bad = org.decisionOf(refused);
        assertThat(((Map<?, ?>) bad.get("delivery")).get("status")).isEqualTo("DEAD_LETTERED");
        List<Object> statuses = org.decisions("outcome=IMPORTED").getList("items.delivery.status");
        assertThat(statuses).hasSize(4).containsOnly("DELIVERED", "DEAD_LETTERED");
        assertThat(statuses.stream().filter("DELIVERED"::equals)).hasSize(3);
    }

    @Test
    void aBacklogAfterAnOutageDrainsInBulkSharedByTwoDrainers() {
        // Paused before the outage, so that no scheduled drain is in flight once visibility-service
        // answers again: the backlog is these two drainers' alone to share.
        scheduler.pause(IngestionSchedule.DELIVERY_RETRY);
        try {
            drainTheBacklogWithTwoDrainers();
        } finally {
            scheduler.resume(IngestionSchedule.DELIVERY_RETRY);
        }
    }

    private void drainTheBacklogWithTwoDrainers() {
        TestOrg org = connectedOrgWithCalls(1_000);
        org.visibilityAnswers(503);
        org.runAndWait().then().statusCode(200);
        assertThat(org.decisions("outcome=IMPORTED").getLong("totalItems")).isEqualTo(1_000);

        org.visibilityAnswers(aResponse().withStatus(200).withFixedDelay(300)
                .withHeader("Content-Type", "application/json").withBody("{\"results\":[]}"));
        org.sql("update call_decisions set next_delivery_at = now() - interval '1 second' where org_id = ?");
        var drained = Uni.combine().all().unis(
                        contexts.onFreshContext(delivery::retryDue),
                        contexts.onFreshContext(delivery::retryDue))
                .asTuple().await().atMost(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(org.decisions("outcome=IMPORTED")
                .getList("items.delivery.status")).containsOnly("DELIVERED"));
        Map<Long, Long> accepted = acceptedDeliveries(org);
        assertThat(accepted).hasSize(1_000);
        assertThat(accepted.values()).as("deliveries per call, as visibility-service received them").containsOnly(1L);
        // A few bulk requests of at most 500 carried the backlog, however the two drainers split it.
        List<Integer> acceptedBatches = PeerServicesTestResource.peers().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(org.bulkPath()) && event.getResponse().getStatus() == 200)
                .map(event -> new JsonPath(event.getRequest().getBodyAsString()).getList("calls").size())
                .toList();
        assertThat(acceptedBatches).hasSizeBetween(2, 6).allSatisfy(size -> assertThat(size).isBetween(1, 500));
        assertThat(acceptedBatches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
        // Nobody else drained: the whole backlog is in what these two report (with, perhaps, another
        // test's leftovers that came due meanwhile).
        assertThat(drained.getItem1() + drained.getItem2()).isGreaterThanOrEqualTo(1_000);
        assertThat(org.singleDeliveries()).isZero();
    }

    @Test
    void whatATenantReadsOfAFailedDeliveryNamesNoHostAndNoException() {
        TestOrg org = connectedOrgWithCalls(2);
        org.visibilityAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        String runId = org.runAndWait().then().statusCode(200).extract().path("runs[0].id");

        JsonPath imported = org.decisions("outcome=IMPORTED");
        assertThat(imported.getList("items.delivery.status")).hasSize(2).containsOnly("PENDING");
        assertThat(imported.getList("items.delivery.lastError")).containsOnly(DeliveryService.UNAVAILABLE);
        String everythingShown = given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?size=200").asString()
                + given().auth().oauth2(org.adminToken()).get("/api/ingestion/runs/" + runId).asString();
        int port = PeerServicesTestResource.peers().port();
        assertThat(everythingShown).doesNotContain("localhost", "127.0.0.1", String.valueOf(port), "Exception", "io.vertx",
                "java.");
        org.visibilityAnswers(201);
    }

    /** Deliveries visibility-service accepted, per Aircall call id, from the stub's journal. */
    private static Map<Long, Long> acceptedDeliveries(TestOrg org) {
        return org.deliveredCallIds(event -> event.getResponse().getStatus() / 100 == 2).stream()
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    private static double deadLetteredMetric() {
        Matcher matcher = DEAD_LETTERED_METRIC.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static TestOrg connectedOrgWithCalls(int count) {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(7000 + count, "dave@acme.test");
        IntStream.range(0, count).forEach(i -> org.call(dave, NOW.minus(Duration.ofHours(30)).plusSeconds(i * 30L), 120));
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);
        return org;
    }
}
