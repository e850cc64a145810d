package io.airspeed.visibility.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.TestCalls;
import io.airspeed.visibility.TestCalls.Person;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.airspeed.visibility.TestCalls.callBody;
import static io.airspeed.visibility.TestCalls.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class CallImportResourceTest {

    private static final Instant STARTED = Instant.parse("2025-03-10T09:15:00Z");

    private final UUID org = UUID.randomUUID();
    private final Person admin = Person.admin(org);
    private final Person owner = Person.member(org);
    private final Person transferee = Person.member(org);

    @Test
    void importsNewCallWith201LocationAndTheOrgsDefaultVisibility() {
        long aircallId = TestCalls.nextAircallId();
        String id = put(org, aircallId, callBody(owner.userId(), STARTED, transferee.userId()))
                .statusCode(201)
                .body("id", notNullValue())
                .body("orgId", equalTo(org.toString()))
                .body("aircallCallId", equalTo((int) aircallId))
                .body("visibility", equalTo("PUBLIC"))
                .body("participantUserIds", contains(owner.userId().toString(), transferee.userId().toString()))
                .body("startedAt", equalTo("2025-03-10T09:15:00Z"))
                .body("durationSeconds", equalTo(300))
                .body("direction", equalTo("OUTBOUND"))
                .extract().path("id");

        admin.request().get("/api/calls/{id}", id).then().statusCode(200)
                .body("aircallCallId", equalTo((int) aircallId))
                .body("ownerUserId", equalTo(owner.userId().toString()))
                .body("endedAt", equalTo("2025-03-10T09:20:00Z"))
                .body("externalNumber", equalTo("+33100000000"))
                .body("aircallLink", equalTo("https://api.aircall.io/v1/calls/1"))
                .body("aircallAsset", equalTo("https://assets.aircall.io/calls/1/recording"))
                .body("recordingReference", equalTo("recordings/1.mp3"));
    }

    @Test
    void locationHeaderNamesTheCallsApiUrl() {
        Response response = TestCalls.service().body(callBody(owner.userId(), STARTED))
                .put("/internal/orgs/{org}/calls/{id}", org, TestCalls.nextAircallId());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.header("Location")).endsWith("/api/calls/" + response.path("id"));
    }

    @Test
    void reDeliveryAnswers200RefreshesAircallFactsAndKeepsTheChosenVisibility() {
        long aircallId = TestCalls.nextAircallId();
        String id = TestCalls.importCall(org, aircallId, owner.userId(), STARTED, transferee.userId());
        TestCalls.setVisibility(owner, id, "PRIVATE");

        UUID newcomer = UUID.randomUUID();
        Map<String, Object> refreshed = callBody(owner.userId(), STARTED.plusSeconds(5), newcomer);
        refreshed.put("durationSeconds", 420);
        refreshed.put("endedAt", STARTED.plusSeconds(425).toString());
        refreshed.put("recordingReference", "recordings/1-final.mp3");
        refreshed.put("direction", "INBOUND");

        put(org, aircallId, refreshed).statusCode(200)
                .body("id", equalTo(id))
                .body("visibility", equalTo("PRIVATE"))
                .body("durationSeconds", equalTo(420))
                .body("startedAt", equalTo("2025-03-10T09:15:05Z"))
                .body("direction", equalTo("INBOUND"))
                .body("recordingReference", equalTo("recordings/1-final.mp3"))
                .body("participantUserIds", contains(owner.userId().toString(), newcomer.toString()));

        admin.request().get("/api/calls/{id}", id).then().statusCode(200)
                .body("visibility", equalTo("PRIVATE"))
                .body("durationSeconds", equalTo(420))
                .body("visibilityHistory", hasSize(1));
        // The transfer party was dropped by Aircall's facts: the private call is no longer theirs.
        transferee.request().get("/api/calls/{id}", id).then().statusCode(404);
        owner.request().get("/api/calls/{id}", id).then().statusCode(200);
    }

    @Test
    void identicalReDeliveryChangesNothing() {
        long aircallId = TestCalls.nextAircallId();
        Map<String, Object> body = callBody(owner.userId(), STARTED, transferee.userId());
        String updatedAt = put(org, aircallId, body).statusCode(201).extract().path("updatedAt");
        put(org, aircallId, body).statusCode(200).body("updatedAt", equalTo(updatedAt));
    }

    @Test
    void anOlderDeliveryArrivingAfterANewerOneChangesNothing() {
        long aircallId = TestCalls.nextAircallId();
        Map<String, Object> older = callBody(owner.userId(), STARTED, transferee.userId());
        older.put("deliveryVersion", 1);
        Map<String, Object> newer = callBody(owner.userId(), STARTED);
        newer.put("deliveryVersion", 2);
        newer.put("durationSeconds", 420);
        newer.put("recordingReference", "recordings/1-final.mp3");

        String id = put(org, aircallId, newer).statusCode(201).extract().path("id");
        TestCalls.setVisibility(owner, id, "PRIVATE");
        // The retry of version 1 was slower than version 2: it answers 200 with the call as held.
        put(org, aircallId, older).statusCode(200)
                .body("durationSeconds", equalTo(420))
                .body("participantUserIds", contains(owner.userId().toString()));
        put(org, aircallId, newer).statusCode(200);

        admin.request().get("/api/calls/{id}", id).then().statusCode(200)
                .body("durationSeconds", equalTo(420))
                .body("recordingReference", equalTo("recordings/1-final.mp3"))
                .body("visibility", equalTo("PRIVATE"))
                .body("participantUserIds", contains(owner.userId().toString()));
        // The participant version 1 named never got the call.
        transferee.request().get("/api/calls/{id}", id).then().statusCode(404);

        Map<String, Object> newest = callBody(owner.userId(), STARTED);
        newest.put("deliveryVersion", 3);
        newest.put("durationSeconds", 480);
        put(org, aircallId, newest).statusCode(200).body("durationSeconds", equalTo(480)).body("visibility", equalTo("PRIVATE"));
    }

    @Test
    void concurrentDeliveriesOfSeveralVersionsEndWithTheNewest() throws Exception {
        long aircallId = TestCalls.nextAircallId();
        List<Callable<Response>> deliveries = new ArrayList<>();
        for (int version = 1; version <= 8; version++) {
            Map<String, Object> body = callBody(owner.userId(), STARTED);
            body.put("deliveryVersion", version);
            body.put("durationSeconds", 100 + version);
            deliveries.add(() -> TestCalls.service().body(body).put("/internal/orgs/{org}/calls/{id}", org, aircallId));
        }
        java.util.Collections.reverse(deliveries);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        String id;
        try {
            List<String> ids = new ArrayList<>();
            for (Future<Response> future : pool.invokeAll(deliveries)) {
                assertThat(future.get().statusCode()).isIn(200, 201);
                ids.add(future.get().path("id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
            id = ids.get(0);
        } finally {
            pool.shutdownNow();
        }
        admin.request().get("/api/calls/{id}", id).then().statusCode(200).body("durationSeconds", equalTo(108));
    }

    @Test
    void ownerIsAlwaysAParticipantAndDuplicatesCollapse() {
        Map<String, Object> body = callBody(owner.userId(), STARTED, transferee.userId(), owner.userId(),
                transferee.userId());
        put(org, TestCalls.nextAircallId(), body).statusCode(201)
                .body("participantUserIds", contains(owner.userId().toString(), transferee.userId().toString()));
    }

    @Test
    void theSameAircallIdInTwoOrgsIsTwoCalls() {
        long aircallId = TestCalls.nextAircallId();
        UUID otherOrg = UUID.randomUUID();
        String first = TestCalls.importCall(org, aircallId, owner.userId(), STARTED);
        String second = TestCalls.importCall(otherOrg, aircallId, UUID.randomUUID(), STARTED);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void concurrentDeliveriesOfANewCallCreateItExactlyOnce() throws Exception {
        long aircallId = TestCalls.nextAircallId();
        Map<String, Object> body = callBody(owner.userId(), STARTED, transferee.userId());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Response>> deliveries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                deliveries.add(() -> TestCalls.service().body(body).put("/internal/orgs/{org}/calls/{id}", org, aircallId));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<Response> future : pool.invokeAll(deliveries)) {
                statuses.add(future.get().statusCode());
                ids.add(future.get().path("id"));
            }
            assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        admin.request().get("/api/calls").then().statusCode(200).body("totalItems", equalTo(1));
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("negative duration", (Consumer<Map<String, Object>>) b -> b.put("durationSeconds", -1),
                        "durationSeconds"),
                Arguments.of("missing owner", (Consumer<Map<String, Object>>) b -> b.remove("ownerUserId"), "ownerUserId"),
                Arguments.of("missing start", (Consumer<Map<String, Object>>) b -> b.remove("startedAt"), "startedAt"),
                Arguments.of("missing delivery version", (Consumer<Map<String, Object>>) b -> b.remove("deliveryVersion"),
                        "deliveryVersion"),
                Arguments.of("delivery version zero", (Consumer<Map<String, Object>>) b -> b.put("deliveryVersion", 0),
                        "deliveryVersion"),
                Arguments.of("unknown direction", (Consumer<Map<String, Object>>) b -> b.put("direction", "SIDEWAYS"),
                        "direction"),
                Arguments.of("unknown field", (Consumer<Map<String, Object>>) b -> b.put("visibility", "PRIVATE"),
                        "visibility"),
                Arguments.of("owner not a UUID", (Consumer<Map<String, Object>>) b -> b.put("ownerUserId", "dave"),
                        "ownerUserId"),
                Arguments.of("duration not a number", (Consumer<Map<String, Object>>) b -> b.put("durationSeconds", "long"),
                        "durationSeconds"),
                Arguments.of("start not an instant", (Consumer<Map<String, Object>>) b -> b.put("startedAt", "yesterday"),
                        "startedAt"),
                Arguments.of("null participant", (Consumer<Map<String, Object>>) b -> b.put("participantUserIds",
                        java.util.Arrays.asList((Object) null)), "participantUserIds[0]"),
                Arguments.of("ended before started", (Consumer<Map<String, Object>>) b -> b.put("endedAt",
                        STARTED.minusSeconds(1).toString()), "endedAt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyAnswers400NamingTheFieldAndWritesNothing(String why, Consumer<Map<String, Object>> spoil,
                                                             String field) {
        long aircallId = TestCalls.nextAircallId();
        Map<String, Object> body = callBody(owner.userId(), STARTED);
        spoil.accept(body);
        put(org, aircallId, body).statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("instance", equalTo("/internal/orgs/" + org + "/calls/" + aircallId))
                .body("errors.field", hasItem(field));
        assertNotImported(aircallId);
    }

    @Test
    void malformedJsonAnswers400AndWritesNothing() {
        long aircallId = TestCalls.nextAircallId();
        TestCalls.service().body("{\"ownerUserId\": ").put("/internal/orgs/{org}/calls/{id}", org, aircallId)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body("errors.field", contains("body"));
        assertNotImported(aircallId);
    }

    @Test
    void missingBodyAnswers400() {
        TestCalls.service().put("/internal/orgs/{org}/calls/{id}", org, TestCalls.nextAircallId())
                .then().statusCode(400).body("errors.field", contains("body"));
    }

    @Test
    void invalidReDeliveryLeavesTheCallAsItWas() {
        long aircallId = TestCalls.nextAircallId();
        String id = TestCalls.importCall(org, aircallId, owner.userId(), STARTED);
        Map<String, Object> body = callBody(owner.userId(), STARTED);
        body.put("durationSeconds", -5);
        put(org, aircallId, body).statusCode(400).body("errors.field", contains("durationSeconds"));
        admin.request().get("/api/calls/{id}", id).then().statusCode(200).body("durationSeconds", is(300));
    }

    @Test
    void nonNumericAircallIdOrMalformedOrgAnswers400() {
        TestCalls.service().body(callBody(owner.userId(), STARTED)).put("/internal/orgs/{org}/calls/{id}", org, "abc")
                .then().statusCode(400).body("errors.field", contains("aircallCallId"));
        TestCalls.service().body(callBody(owner.userId(), STARTED)).put("/internal/orgs/{org}/calls/{id}", "acme", 12)
                .then().statusCode(400).body("errors.field", contains("orgId"));
    }

    @Test
    void allViolationsAreListedAtOnce() {
        Map<String, Object> body = callBody(owner.userId(), STARTED);
        body.remove("ownerUserId");
        body.put("durationSeconds", -1);
        put(org, TestCalls.nextAircallId(), body).statusCode(400)
                .body("errors.field", containsInAnyOrder("ownerUserId", "durationSeconds"));
    }

    private void assertNotImported(long aircallId) {
        TestCalls.service().get("/internal/orgs/{org}/calls/by-aircall-id/{id}/access?userId={user}", org, aircallId,
                        owner.userId())
                .then().statusCode(200).body("exists", is(false));
    }
}
