package io.airspeed.visibility.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.TestCalls;
import io.airspeed.visibility.TestCalls.Person;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class CallListResourceTest {

    private static final Instant T0 = Instant.parse("2025-04-01T08:00:00Z");

    private final UUID org = UUID.randomUUID();
    private final Person admin = Person.admin(org);
    private final Person alice = Person.member(org);
    private final Person bob = Person.member(org);
    private final Person carol = Person.member(org);

    @Test
    void newestFirstThenByIdDescending() {
        String oldest = TestCalls.importCall(org, alice.userId(), T0);
        String newest = TestCalls.importCall(org, alice.userId(), T0.plusSeconds(7200));
        String tieA = TestCalls.importCall(org, alice.userId(), T0.plusSeconds(3600));
        String tieB = TestCalls.importCall(org, bob.userId(), T0.plusSeconds(3600));
        List<String> ties = new ArrayList<>(List.of(tieA, tieB));
        // PostgreSQL orders uuids byte by byte, as their lower-case text sorts (not as UUID.compareTo).
        ties.sort(Comparator.reverseOrder());

        admin.request().get("/api/calls").then().statusCode(200)
                .body("items.id", contains(newest, ties.get(0), ties.get(1), oldest));
        alice.request().get("/api/calls").then().statusCode(200)
                .body("items.id", contains(newest, ties.get(0), ties.get(1), oldest));
    }

    @Test
    void pagesCarryTotals() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, TestCalls.importCall(org, alice.userId(), T0.plusSeconds(60L * i)));
        }
        admin.request().get("/api/calls?size=2").then().statusCode(200)
                .body("items.id", contains(ids.get(0), ids.get(1)))
                .body("page", equalTo(0)).body("size", equalTo(2))
                .body("totalItems", equalTo(5)).body("totalPages", equalTo(3));
        admin.request().get("/api/calls?size=2&page=2").then().statusCode(200)
                .body("items.id", contains(ids.get(4)))
                .body("totalItems", equalTo(5)).body("totalPages", equalTo(3));
        admin.request().get("/api/calls?size=2&page=7").then().statusCode(200)
                .body("items", empty()).body("totalItems", equalTo(5));
        admin.request().get("/api/calls").then().body("size", equalTo(50));
    }

    @Test
    void membersPagesMergePublicCallsWithTheirOwnPrivateCallsInOrder() {
        // Newest first: alice private, bob private, public, alice private, public, bob private, public.
        List<String> aliceSees = new ArrayList<>();
        String[] kinds = {"alice-private", "bob-private", "public", "alice-private", "public", "bob-private", "public"};
        for (int i = 0; i < kinds.length; i++) {
            Instant started = T0.minusSeconds(60L * i);
            String id;
            switch (kinds[i]) {
                case "alice-private" -> {
                    id = TestCalls.importCall(org, alice.userId(), started, carol.userId());
                    TestCalls.setVisibility(alice, id, "PRIVATE");
                    aliceSees.add(id);
                }
                case "bob-private" -> {
                    id = TestCalls.importCall(org, bob.userId(), started);
                    TestCalls.setVisibility(bob, id, "PRIVATE");
                }
                default -> aliceSees.add(TestCalls.importCall(org, bob.userId(), started));
            }
        }
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            List<String> items = alice.request().get("/api/calls?size=2&page={p}", page).then().statusCode(200)
                    .body("totalItems", equalTo(5)).body("totalPages", equalTo(3))
                    .extract().path("items.id");
            paged.addAll(items);
        }
        assertThat(paged).containsExactlyElementsOf(aliceSees);
        admin.request().get("/api/calls").then().body("totalItems", equalTo(7));
        bob.request().get("/api/calls").then().body("totalItems", equalTo(5));
        carol.request().get("/api/calls").then().body("totalItems", equalTo(5));
    }

    @Test
    void filtersOnStartFromInclusiveToExclusive() {
        String first = TestCalls.importCall(org, alice.userId(), T0);
        String second = TestCalls.importCall(org, alice.userId(), T0.plusSeconds(3600));
        TestCalls.importCall(org, alice.userId(), T0.plusSeconds(7200));

        admin.request().get("/api/calls?from={f}&to={t}", T0.toString(), T0.plusSeconds(7200).toString()).then().statusCode(200)
                .body("items.id", contains(second, first)).body("totalItems", equalTo(2));
        alice.request().get("/api/calls?from={f}&to={t}", T0.plusSeconds(1).toString(), T0.plusSeconds(7200).toString()).then()
                .body("items.id", contains(second));
        bob.request().get("/api/calls?to={t}", T0.plusSeconds(1).toString()).then().body("items.id", contains(first));
    }

    @Test
    void participantFilterShowsThatUsersCallsTheCallerMaySee() {
        String alicePublic = TestCalls.importCall(org, alice.userId(), T0);
        String alicePrivate = TestCalls.importCall(org, alice.userId(), T0.plusSeconds(60));
        TestCalls.setVisibility(alice, alicePrivate, "PRIVATE");
        String aliceAndBobPrivate = TestCalls.importCall(org, alice.userId(), T0.plusSeconds(120), bob.userId());
        TestCalls.setVisibility(alice, aliceAndBobPrivate, "PRIVATE");
        TestCalls.importCall(org, carol.userId(), T0.plusSeconds(180));

        admin.request().get("/api/calls?participant={p}", alice.userId()).then().statusCode(200)
                .body("items.id", contains(aliceAndBobPrivate, alicePrivate, alicePublic))
                .body("totalItems", equalTo(3));
        alice.request().get("/api/calls?participant={p}", alice.userId()).then()
                .body("items.id", contains(aliceAndBobPrivate, alicePrivate, alicePublic));
        bob.request().get("/api/calls?participant={p}", alice.userId()).then()
                .body("items.id", contains(aliceAndBobPrivate, alicePublic)).body("totalItems", equalTo(2));
        carol.request().get("/api/calls?participant={p}", alice.userId()).then()
                .body("items.id", contains(alicePublic)).body("totalItems", equalTo(1));
        carol.request().get("/api/calls?participant={p}&size=1", alice.userId()).then()
                .body("items.id", contains(alicePublic)).body("totalItems", equalTo(1));
        bob.request().get("/api/calls?participant={p}&size=1&page=1", alice.userId()).then()
                .body("items.id", contains(alicePublic)).body("totalItems", equalTo(2));
    }

    @Test
    void pageSizeOver200Answers400NamingSize() {
        alice.request().get("/api/calls?size=201").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/calls"))
                .body("errors.field", contains("size"));
        alice.request().get("/api/calls?size=200").then().statusCode(200);
    }

    @Test
    void badPagingAndFilterParametersAnswer400NamingThem() {
        assertBadParameter("size=0", "size");
        assertBadParameter("page=-1", "page");
        assertBadParameter("page=first", "page");
        assertBadParameter("size=many", "size");
        assertBadParameter("from=yesterday", "from");
        assertBadParameter("to=2025-13-01T00:00:00Z", "to");
        assertBadParameter("from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z", "to");
        assertBadParameter("participant=alice", "participant");
    }

    private void assertBadParameter(String query, String field) {
        alice.request().get("/api/calls?" + query).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains(field));
    }
}
