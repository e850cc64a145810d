package io.airspeed.visibility.rest;

import io.airspeed.testsupport.PostgresServer;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.TestCalls;
import io.airspeed.visibility.TestCalls.Person;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** {@code GET /api/calls} by cursor (product.md §7.4): every call once, in order, bounded totals, foreign cursors refused. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class CallListCursorTest {

    private static final Instant T0 = Instant.parse("2025-05-01T08:00:00Z");

    private final UUID org = UUID.randomUUID();
    private final Person admin = Person.admin(org);
    private final Person alice = Person.member(org);
    private final Person bob = Person.member(org);

    @Test
    void followingTheCursorsListsEveryVisibleCallOnceInOrderEvenWhenCallsShareAStart() {
        List<String> aliceSees = new ArrayList<>();
        List<String> all = new ArrayList<>();
        // Three calls per start time, so page ends fall between ties; every third call private to bob.
        for (int minute = 0; minute < 5; minute++) {
            List<String> tie = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                String id = TestCalls.importCall(org, k == 2 ? bob.userId() : alice.userId(), T0.minusSeconds(60L * minute));
                if (k == 2) {
                    TestCalls.setVisibility(bob, id, "PRIVATE");
                }
                tie.add(id);
            }
            tie.sort(Comparator.reverseOrder());
            all.addAll(tie);
            tie.stream().filter(id -> !isBobsPrivate(id)).forEach(aliceSees::add);
        }

        assertThat(follow(admin, "size=4", 15)).containsExactlyElementsOf(all);
        assertThat(follow(alice, "size=4", 10)).containsExactlyElementsOf(aliceSees);
        assertThat(follow(alice, "size=1", 10)).containsExactlyElementsOf(aliceSees);
    }

    @Test
    void theFiltersKeepWorkingAcrossCursorPages() {
        List<String> inRange = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String id = TestCalls.importCall(org, i % 3 == 0 ? bob.userId() : alice.userId(), T0.minusSeconds(600L * i),
                    i % 2 == 0 ? bob.userId() : alice.userId());
            if (i >= 2 && i < 8 && (i % 3 == 0 || i % 2 == 0)) {
                inRange.add(id);
            }
        }
        String query = "size=2&participant=" + bob.userId() + "&from=" + T0.minusSeconds(600L * 7) + "&to="
                + T0.minusSeconds(600L * 2 - 1);

        assertThat(follow(admin, query, inRange.size())).containsExactlyElementsOf(inRange);
        assertThat(follow(alice, query, inRange.size())).containsExactlyElementsOf(inRange);
    }

    @Test
    void theLastPageHasNoCursorAndTheFirstPagesTotalTravelsWithTheCursor() {
        for (int i = 0; i < 3; i++) {
            TestCalls.importCall(org, alice.userId(), T0.minusSeconds(60L * i));
        }
        JsonPath first = page(admin, "size=2");
        assertThat(first.getBoolean("hasMore")).isTrue();
        assertThat(first.getInt("total.value")).isEqualTo(3);
        assertThat(first.getBoolean("total.exact")).isTrue();
        assertThat(first.getInt("page")).isZero();
        // A call imported meanwhile does not change the total the listing started with.
        TestCalls.importCall(org, alice.userId(), T0.minusSeconds(3600));

        admin.request().get("/api/calls?size=2&cursor={c}", first.getString("nextCursor")).then().statusCode(200)
                .body("total.value", equalTo(3)).body("hasMore", equalTo(false)).body("nextCursor", nullValue())
                .body("page", nullValue());
        admin.request().get("/api/calls?size=5").then().body("hasMore", equalTo(false)).body("nextCursor", nullValue())
                .body("total.value", equalTo(4)).body("totalItems", equalTo(4));
    }

    @Test
    void aCursorOfAnotherOrgUserOrFilterSetIsA400NamingCursor() {
        for (int i = 0; i < 3; i++) {
            TestCalls.importCall(org, alice.userId(), T0.minusSeconds(60L * i));
        }
        String alicesCursor = page(alice, "size=1").getString("nextCursor");
        Person otherOrgMember = Person.member(UUID.randomUUID());

        assertRefused(bob, "cursor=" + alicesCursor);
        assertRefused(admin, "cursor=" + alicesCursor);
        assertRefused(otherOrgMember, "cursor=" + alicesCursor);
        assertRefused(alice, "size=1&from=" + T0.minusSeconds(86_400) + "&cursor=" + alicesCursor);
        assertRefused(alice, "size=1&participant=" + alice.userId() + "&cursor=" + alicesCursor);
        alice.request().get("/api/calls?size=1&cursor={c}", alicesCursor).then().statusCode(200);
    }

    @Test
    void aTamperedCursorIsA400NotA500() {
        for (int i = 0; i < 3; i++) {
            TestCalls.importCall(org, alice.userId(), T0.minusSeconds(60L * i));
        }
        String cursor = page(alice, "size=1").getString("nextCursor");
        for (int i = 0; i < cursor.length(); i += 3) {
            char c = cursor.charAt(i);
            String tampered = cursor.substring(0, i) + (c == 'A' ? 'B' : 'A') + cursor.substring(i + 1);
            assertRefused(alice, "cursor=" + tampered);
        }
        assertRefused(alice, "cursor=not-a-cursor");
        assertRefused(alice, "cursor=" + "A".repeat(600));
        // An empty cursor is no cursor (a client that writes cursor=${next ?? ''}): the first page.
        alice.request().get("/api/calls?size=1&cursor=").then().statusCode(200).body("page", equalTo(0));
    }

    @Test
    void pageNumbersAreDeprecatedLimitedAndNotMixedWithCursors() {
        TestCalls.importCall(org, alice.userId(), T0);
        TestCalls.importCall(org, alice.userId(), T0.minusSeconds(60));
        String cursor = page(alice, "size=1").getString("nextCursor");

        alice.request().get("/api/calls?size=1&page=1&cursor={c}", cursor).then().statusCode(400)
                .body("errors.field", contains("page"));
        alice.request().get("/api/calls?size=200&page=49").then().statusCode(200);
        alice.request().get("/api/calls?size=200&page=50").then().statusCode(400)
                .body("errors.field", contains("page"));
        // A numbered page still offers the cursor to continue from it.
        alice.request().get("/api/calls?size=1&page=0").then().statusCode(200)
                .body("nextCursor", notNullValue()).body("page", equalTo(0));
    }

    @Test
    void aboveTenThousandTheTotalIsALowerBoundAndDeepPagesStillFollow() throws SQLException {
        UUID bigOrg = UUID.randomUUID();
        Person bigAdmin = Person.admin(bigOrg);
        seed(bigOrg, 10_050);

        JsonPath first = page(bigAdmin, "size=200");
        assertThat(first.getLong("total.value")).isEqualTo(10_000);
        assertThat(first.getBoolean("total.exact")).isFalse();
        assertThat(first.getLong("totalItems")).isEqualTo(10_000);
        List<Long> aircallIds = new ArrayList<>(first.getList("items.aircallCallId", Long.class));
        List<Instant> starts = new ArrayList<>(first.getList("items.startedAt", String.class).stream().map(Instant::parse).toList());
        String cursor = first.getString("nextCursor");
        while (cursor != null) {
            JsonPath next = bigAdmin.request().get("/api/calls?size=200&cursor={c}", cursor).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(next.getBoolean("total.exact")).isFalse();
            aircallIds.addAll(next.getList("items.aircallCallId", Long.class));
            next.getList("items.startedAt", String.class).stream().map(Instant::parse).forEach(starts::add);
            cursor = next.getString("nextCursor");
        }
        assertThat(aircallIds).hasSize(10_050).doesNotHaveDuplicates();
        assertThat(starts).isSortedAccordingTo(Comparator.reverseOrder());
    }

    private boolean isBobsPrivate(String id) {
        return bob.request().get("/api/calls/{id}", id).then().extract().path("visibility").equals("PRIVATE");
    }

    /** Follows nextCursor from the first page, at most {@code maxPages + 1} requests, and returns the ids in order. */
    private static List<String> follow(Person who, String query, int maxPages) {
        List<String> ids = new ArrayList<>();
        JsonPath page = page(who, query);
        ids.addAll(page.getList("items.id"));
        for (int n = 0; page.getString("nextCursor") != null; n++) {
            assertThat(n).as("pages followed").isLessThan(maxPages);
            assertThat(page.getBoolean("hasMore")).isTrue();
            page = who.request().get("/api/calls?" + query + "&cursor={c}", page.getString("nextCursor")).then()
                    .statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
        }
        assertThat(page.getBoolean("hasMore")).isFalse();
        return ids;
    }

    private static JsonPath page(Person who, String query) {
        return who.request().get("/api/calls?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static void assertRefused(Person who, String query) {
        who.request().get("/api/calls?" + query).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("cursor"));
    }

    /** Written by SQL: importing ten thousand calls through the API would only slow the test. */
    private static void seed(UUID orgId, int calls) throws SQLException {
        PostgresServer server = PostgresServer.shared();
        try (Connection db = DriverManager.getConnection(server.jdbcUrl("visibility"), server.user(), server.password());
             PreparedStatement insert = db.prepareStatement("""
                     insert into visibility.calls (id, org_id, aircall_call_id, owner_user_id, visibility, started_at,
                                                   ended_at, duration_seconds, direction, imported_at, updated_at)
                     select gen_random_uuid(), ?, 7000000000 + g, gen_random_uuid(), 'PUBLIC',
                            timestamptz '2024-01-01' + (g / 3) * interval '1 minute',
                            timestamptz '2024-01-01' + (g / 3) * interval '1 minute' + interval '2 minutes',
                            120, 'INBOUND', now(), now()
                     from generate_series(1, ?) g""")) {
            insert.setObject(1, orgId);
            insert.setInt(2, calls);
            insert.executeUpdate();
        }
    }
}
