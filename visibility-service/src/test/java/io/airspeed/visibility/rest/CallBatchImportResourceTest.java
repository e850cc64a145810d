package io.airspeed.visibility.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.TestCalls;
import io.airspeed.visibility.TestCalls.Person;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.airspeed.visibility.TestCalls.callBody;
import static io.airspeed.visibility.TestCalls.item;
import static io.airspeed.visibility.TestCalls.put;
import static io.airspeed.visibility.TestCalls.putAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/** The bulk import answers each call as the single import would, set-based, all or nothing. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class CallBatchImportResourceTest {

    private static final Instant STARTED = Instant.parse("2025-03-10T09:15:00Z");

    private final UUID org = UUID.randomUUID();
    private final Person admin = Person.admin(org);
    private final Person owner = Person.member(org);
    private final Person transferee = Person.member(org);

    @Test
    void newCallsAreCreatedWithTheOrgsDefaultVisibilityAndTheirParticipants() {
        admin.request().body(Map.of("defaultVisibility", "PRIVATE")).put("/api/settings/visibility").then().statusCode(200);
        long first = TestCalls.nextAircallId();
        long second = TestCalls.nextAircallId();

        List<String> ids = putAll(org, List.of(item(first, callBody(owner.userId(), STARTED, transferee.userId())),
                        item(second, callBody(transferee.userId(), STARTED.plusSeconds(60)))))
                .statusCode(200)
                .body("results.aircallCallId", contains((int) first, (int) second))
                .body("results.status", contains("CREATED", "CREATED"))
                .extract().path("results.id");

        admin.request().get("/api/calls/{id}", ids.get(0)).then().statusCode(200)
                .body("aircallCallId", equalTo((int) first))
                .body("visibility", equalTo("PRIVATE"))
                .body("participantUserIds", containsInAnyOrder(owner.userId().toString(), transferee.userId().toString()))
                .body("durationSeconds", equalTo(300))
                .body("endedAt", equalTo("2025-03-10T09:20:00Z"))
                .body("recordingReference", equalTo("recordings/1.mp3"));
        // Private, and the transfer party takes part: the participant rows are there for the member's list.
        transferee.request().get("/api/calls/{id}", ids.get(0)).then().statusCode(200);
        owner.request().get("/api/calls/{id}", ids.get(1)).then().statusCode(404);
        transferee.request().get("/api/calls").then().statusCode(200).body("totalItems", equalTo(2));
    }

    @Test
    void reDeliveryRefreshesAircallFactsAndParticipantsAndKeepsTheChosenVisibility() {
        long aircallId = TestCalls.nextAircallId();
        String id = putAll(org, List.of(item(aircallId, callBody(owner.userId(), STARTED, transferee.userId()))))
                .statusCode(200).extract().path("results[0].id");
        TestCalls.setVisibility(owner, id, "PRIVATE");

        UUID newcomer = UUID.randomUUID();
        Map<String, Object> refreshed = callBody(owner.userId(), STARTED.plusSeconds(5), newcomer);
        refreshed.put("durationSeconds", 420);
        refreshed.put("endedAt", STARTED.plusSeconds(425).toString());
        refreshed.put("direction", "INBOUND");
        putAll(org, List.of(item(aircallId, refreshed))).statusCode(200)
                .body("results[0].id", equalTo(id))
                .body("results[0].status", equalTo("UPDATED"));

        admin.request().get("/api/calls/{id}", id).then().statusCode(200)
                .body("visibility", equalTo("PRIVATE"))
                .body("durationSeconds", equalTo(420))
                .body("startedAt", equalTo("2025-03-10T09:15:05Z"))
                .body("direction", equalTo("INBOUND"))
                .body("participantUserIds", containsInAnyOrder(owner.userId().toString(), newcomer.toString()))
                .body("visibilityHistory.to", contains("PRIVATE"));
        // Dropped from the call by Aircall's facts: the private call is no longer the transferee's.
        transferee.request().get("/api/calls/{id}", id).then().statusCode(404);
        owner.request().get("/api/calls").then().statusCode(200).body("items[0].startedAt", equalTo("2025-03-10T09:15:05Z"));
    }

    @Test
    void aDeliveryNotAboveTheAppliedVersionChangesNothing() {
        long aircallId = TestCalls.nextAircallId();
        Map<String, Object> newer = callBody(owner.userId(), STARTED);
        newer.put("deliveryVersion", 2);
        newer.put("durationSeconds", 420);
        Map<String, Object> older = callBody(owner.userId(), STARTED, transferee.userId());
        older.put("deliveryVersion", 1);
        String id = putAll(org, List.of(item(aircallId, newer))).statusCode(200).extract().path("results[0].id");
        TestCalls.setVisibility(owner, id, "PRIVATE");
        String updatedAt = admin.request().get("/api/calls/{id}", id).then().extract().path("updatedAt");

        putAll(org, List.of(item(aircallId, older))).statusCode(200)
                .body("results[0].id", equalTo(id)).body("results[0].status", equalTo("UNCHANGED"));
        putAll(org, List.of(item(aircallId, newer))).statusCode(200).body("results[0].status", equalTo("UNCHANGED"));

        admin.request().get("/api/calls/{id}", id).then().statusCode(200)
                .body("durationSeconds", equalTo(420))
                .body("participantUserIds", contains(owner.userId().toString()))
                .body("visibility", equalTo("PRIVATE"))
                .body("updatedAt", equalTo(updatedAt));
        // The participant the stale delivery named never got the private call.
        transferee.request().get("/api/calls/{id}", id).then().statusCode(404);
    }

    @Test
    void aBatchMixesNewRefreshedAndStaleCallsAndAgreesWithTheSinglePut() {
        long known = TestCalls.nextAircallId();
        long stale = TestCalls.nextAircallId();
        long fresh = TestCalls.nextAircallId();
        String knownId = TestCalls.importCall(org, known, owner.userId(), STARTED);
        Map<String, Object> held = callBody(owner.userId(), STARTED);
        String staleId = put(org, stale, held).statusCode(201).extract().path("id");

        Map<String, Object> sameVersion = new java.util.LinkedHashMap<>(held);
        sameVersion.put("durationSeconds", 999);
        putAll(org, List.of(item(fresh, callBody(owner.userId(), STARTED)), item(stale, sameVersion),
                        item(known, callBody(owner.userId(), STARTED.plusSeconds(1)))))
                .statusCode(200)
                .body("results.aircallCallId", contains((int) fresh, (int) stale, (int) known))
                .body("results.status", contains("CREATED", "UNCHANGED", "UPDATED"))
                .body("results[1].id", equalTo(staleId))
                .body("results[2].id", equalTo(knownId));
        admin.request().get("/api/calls/{id}", staleId).then().body("durationSeconds", equalTo(300));
        // The single PUT still answers the call as the bulk import left it.
        put(org, known, callBody(owner.userId(), STARTED.plusSeconds(1))).statusCode(200).body("id", equalTo(knownId));
    }

    @Test
    void moreThanFiveHundredCallsAnswer400AndWriteNothing() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            items.add(item(TestCalls.nextAircallId(), callBody(owner.userId(), STARTED)));
        }
        putAll(org, items).statusCode(400).contentType("application/problem+json").body("errors.field", contains("calls"));
        assertNotImported((Long) items.get(0).get("aircallCallId"));
    }

    @Test
    void anEmptyBatchAnswers400() {
        putAll(org, List.of()).statusCode(400).body("errors.field", contains("calls"));
    }

    @Test
    void theSameCallTwiceInABatchAnswers400NamingTheSecondAndWritesNothing() {
        long first = TestCalls.nextAircallId();
        long twice = TestCalls.nextAircallId();
        putAll(org, List.of(item(first, callBody(owner.userId(), STARTED)), item(twice, callBody(owner.userId(), STARTED)),
                        item(twice, callBody(owner.userId(), STARTED))))
                .statusCode(400).body("errors.field", contains("calls[2].aircallCallId"));
        assertNotImported(first);
        assertNotImported(twice);
    }

    @Test
    void anInvalidItemAnswers400NamingItsFieldAndWritesNothing() {
        long good = TestCalls.nextAircallId();
        long bad = TestCalls.nextAircallId();
        Map<String, Object> noStart = callBody(owner.userId(), STARTED);
        noStart.remove("startedAt");
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(item(good, callBody(owner.userId(), STARTED)));
        for (int i = 0; i < 2; i++) {
            items.add(item(TestCalls.nextAircallId(), callBody(owner.userId(), STARTED)));
        }
        items.add(item(bad, noStart));
        putAll(org, items).statusCode(400)
                .body("instance", equalTo("/internal/orgs/" + org + "/calls"))
                .body("errors.field", contains("calls[3].startedAt"));
        assertNotImported(good);

        Map<String, Object> endsEarly = callBody(owner.userId(), STARTED);
        endsEarly.put("endedAt", STARTED.minusSeconds(1).toString());
        putAll(org, List.of(item(good, callBody(owner.userId(), STARTED)), item(bad, endsEarly)))
                .statusCode(400).body("errors.field", contains("calls[1].endedAt"));
        assertNotImported(good);

        Map<String, Object> withoutId = callBody(owner.userId(), STARTED);
        putAll(org, List.of(withoutId)).statusCode(400).body("errors.field", hasItem("calls[0].aircallCallId"));
        Map<String, Object> unknownField = item(good, callBody(owner.userId(), STARTED));
        unknownField.put("visibility", "PRIVATE");
        putAll(org, List.of(unknownField)).statusCode(400).body("errors.field", contains("calls[0].visibility"));
        assertNotImported(good);
    }

    @Test
    void concurrentBulkDeliveriesOfOverlappingCallsLeaveOneRowPerCall() throws Exception {
        List<Long> aircallIds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            aircallIds.add(TestCalls.nextAircallId());
        }
        // Four batches, each overlapping its neighbours, in different orders; all sent at once.
        List<Callable<Response>> deliveries = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = b * 10; i < b * 10 + 30; i++) {
                items.add(item(aircallIds.get(i), callBody(owner.userId(), STARTED.plusSeconds(i), transferee.userId())));
            }
            if (b % 2 == 1) {
                java.util.Collections.reverse(items);
            }
            Map<String, Object> body = Map.of("calls", items);
            deliveries.add(() -> TestCalls.service().body(body).put("/internal/orgs/{org}/calls", org));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<Integer, String> idByAircallId = new java.util.HashMap<>();
        int created = 0;
        try {
            for (Future<Response> future : pool.invokeAll(deliveries)) {
                Response response = future.get();
                assertThat(response.statusCode()).isEqualTo(200);
                List<Map<String, Object>> results = response.path("results");
                for (Map<String, Object> result : results) {
                    String before = idByAircallId.putIfAbsent((Integer) result.get("aircallCallId"), (String) result.get("id"));
                    assertThat(before).isIn(null, result.get("id"));
                    created += "CREATED".equals(result.get("status")) ? 1 : 0;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(idByAircallId).hasSize(60);
        assertThat(created).isEqualTo(60);
        admin.request().get("/api/calls?size=100").then().statusCode(200).body("totalItems", equalTo(60));
        transferee.request().get("/api/calls?size=100").then().statusCode(200).body("totalItems", equalTo(60));
    }

    @Test
    void eachBulkImportLogsTheCallsItReceivedForWhoCountsDeliveries() {
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(InternalCallResource.DELIVERIES_LOG);
        log.addHandler(handler);
        try {
            long first = TestCalls.nextAircallId();
            long second = TestCalls.nextAircallId();
            putAll(org, List.of(item(first, callBody(owner.userId(), STARTED)), item(second, callBody(owner.userId(), STARTED))))
                    .statusCode(200);
            putAll(org, List.of(item(first, callBody(owner.userId(), STARTED)), item(first, callBody(owner.userId(), STARTED))))
                    .statusCode(400);

            assertThat(lines).containsExactly("Bulk import of org " + org + " received calls " + first + "," + second);
        } finally {
            log.removeHandler(handler);
        }
    }

    private void assertNotImported(long aircallId) {
        TestCalls.service().get("/internal/orgs/{org}/calls/by-aircall-id/{id}/access?userId={user}", org, aircallId,
                        owner.userId())
                .then().statusCode(200).body("exists", is(false));
    }
}
