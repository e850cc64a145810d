package io.airspeed.users.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.Database;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every roster write that can alter a decision records one change in the outbox, one row per
 * destination, in its own transaction; a write that fails records nothing (issue 12 item 1).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class RosterChangeRecordingTest {

    /** One recorded change: its rows of both destinations agree on everything but the delivery. */
    record Change(UUID id, long sequence, String kind, UUID userId, boolean active, String role, String seat,
                  List<Object> emails, List<Object> aircallUserIds, List<String> destinations, java.time.Instant occurredAt) {
    }

    static List<Change> changesOf(UUID orgId) {
        Map<UUID, List<Map<String, Object>>> byChange = new LinkedHashMap<>();
        for (Map<String, Object> row : Database.query("select * from users.roster_change_outbox where org_id = ?"
                + " order by sequence, destination", orgId)) {
            byChange.computeIfAbsent((UUID) row.get("change_id"), id -> new ArrayList<>()).add(row);
        }
        List<Change> changes = new ArrayList<>();
        for (var rows : byChange.values()) {
            Map<String, Object> first = rows.get(0);
            for (Map<String, Object> row : rows) {
                for (String same : List.of("sequence", "kind", "user_id", "user_active", "user_role", "user_seat", "emails",
                        "aircall_user_ids", "occurred_at")) {
                    assertThat(row.get(same)).as(same + " of both destinations' rows").isEqualTo(first.get(same));
                }
            }
            changes.add(new Change((UUID) first.get("change_id"), (Long) first.get("sequence"), (String) first.get("kind"),
                    (UUID) first.get("user_id"), (Boolean) first.get("user_active"), (String) first.get("user_role"),
                    (String) first.get("user_seat"), castList(first.get("emails")), castList(first.get("aircall_user_ids")),
                    rows.stream().map(r -> (String) r.get("destination")).toList(), ((java.sql.Timestamp) first.get("occurred_at")).toInstant()));
        }
        return changes;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object value) {
        return (List<Object>) value;
    }

    @Test
    void bootstrappingAnOrgRecordsItsFirstAdminAsCreated() {
        TestOrg org = TestOrg.create();
        assertThat(changesOf(org.orgId())).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo("USER_CREATED");
            assertThat(change.sequence()).isEqualTo(1);
            assertThat(change.userId()).isEqualTo(org.adminId());
            assertThat(change.destinations()).containsExactly("INGEST", "VISIBILITY");
            assertThat(change.role()).isEqualTo("ADMIN");
            assertThat(change.seat()).isEqualTo("RECORDING");
            assertThat(change.emails()).containsExactly(org.adminEmail().toLowerCase());
        });
    }

    @Test
    void everyKindOfChangeWritesExactlyOneRowPerDestinationWithTheStateAfterIt() {
        TestOrg org = TestOrg.create();
        UUID carol = org.createUser(" Carol@Acme.com ", "MEMBER", "VIEWER");
        patch(org, carol, Map.of("seat", "RECORDING")).then().statusCode(200);
        patch(org, carol, Map.of("role", "ADMIN")).then().statusCode(200);
        patch(org, carol, Map.of("email", "carol.new@acme.com")).then().statusCode(200);
        String alias = link(org, carol, "EMAIL", "Carol.Sales@Acme.com");
        link(org, carol, "AIRCALL_USER_ID", "1234");
        given().auth().oauth2(org.adminToken()).delete("/api/users/" + carol + "/aircall-identities/" + alias)
                .then().statusCode(204);
        given().auth().oauth2(org.adminToken()).delete("/api/users/" + carol).then().statusCode(204);
        patch(org, carol, Map.of("active", true)).then().statusCode(200);

        List<Change> changes = changesOf(org.orgId());
        assertThat(changes).extracting(Change::kind).containsExactly("USER_CREATED", "USER_CREATED", "SEAT_CHANGED",
                "ROLE_CHANGED", "EMAIL_CHANGED", "IDENTITY_ADDED", "IDENTITY_ADDED", "IDENTITY_REMOVED", "ACTIVE_CHANGED",
                "ACTIVE_CHANGED");
        assertThat(changes).extracting(Change::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(changes).allSatisfy(change -> assertThat(change.destinations()).containsExactly("INGEST", "VISIBILITY"));
        List<Change> carols = changes.subList(1, changes.size());
        assertThat(carols).allSatisfy(change -> assertThat(change.userId()).isEqualTo(carol));

        assertThat(carols.get(0)).satisfies(created -> {
            assertThat(created.seat()).isEqualTo("VIEWER");
            assertThat(created.role()).isEqualTo("MEMBER");
            assertThat(created.active()).isTrue();
            assertThat(created.emails()).containsExactly("carol@acme.com");
            assertThat(created.aircallUserIds()).isEmpty();
        });
        assertThat(carols.get(1).seat()).isEqualTo("RECORDING");
        assertThat(carols.get(2).role()).isEqualTo("ADMIN");
        // An email change touches the email before and the one after.
        assertThat(carols.get(3).emails()).containsExactly("carol@acme.com", "carol.new@acme.com");
        assertThat(carols.get(4).emails()).containsExactly("carol.new@acme.com", "carol.sales@acme.com");
        assertThat(carols.get(5).emails()).containsExactly("carol.new@acme.com", "carol.sales@acme.com");
        assertThat(carols.get(5).aircallUserIds()).containsExactly(1234L);
        // The removal still names what it removed: the replay needs the calls of that alias.
        assertThat(carols.get(6).emails()).containsExactly("carol.new@acme.com", "carol.sales@acme.com");
        assertThat(carols.get(6).aircallUserIds()).containsExactly(1234L);
        assertThat(carols.get(7).active()).isFalse();
        assertThat(carols.get(7).aircallUserIds()).containsExactly(1234L);
        assertThat(carols.get(8).active()).isTrue();
        assertThat(carols.get(8).emails()).containsExactly("carol.new@acme.com");
    }

    @Test
    void aPatchOfSeveralAttributesRecordsOneChangePerAttributeAndANameOnlyPatchNone() {
        TestOrg org = TestOrg.create();
        UUID dave = org.createUser("dave@acme.com", "MEMBER", "VIEWER");
        patch(org, dave, Map.of("seat", "RECORDING", "role", "ADMIN", "name", "Dave M")).then().statusCode(200);
        patch(org, dave, Map.of("name", "Dave Miller", "seat", "RECORDING", "email", "DAVE@acme.com")).then().statusCode(200);
        given().auth().oauth2(org.adminToken()).delete("/api/users/" + UUID.randomUUID()).then().statusCode(404);

        assertThat(changesOf(org.orgId())).extracting(Change::kind)
                .containsExactly("USER_CREATED", "USER_CREATED", "ROLE_CHANGED", "SEAT_CHANGED");
    }

    @Test
    void aWriteThatFailsRecordsNothing() {
        TestOrg org = TestOrg.create();
        UUID dave = org.createUser("dave@acme.com", "MEMBER", "RECORDING");
        UUID erin = org.createUser("erin@acme.com", "MEMBER", "RECORDING");
        link(org, dave, "AIRCALL_USER_ID", "77");
        int before = changesOf(org.orgId()).size();

        // A duplicate email, and a patch whose seat is valid but whose email is taken: nothing half written.
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "DAVE@acme.com", "name", "Dave 2", "role", "MEMBER", "seat", "RECORDING"))
                .post("/api/users").then().statusCode(409);
        patch(org, erin, Map.of("seat", "NONE", "email", "dave@acme.com")).then().statusCode(409);
        // The last admin, an invalid value, a taken Aircall id, an unknown identity.
        given().auth().oauth2(org.adminToken()).delete("/api/users/" + org.adminId()).then().statusCode(409);
        patch(org, erin, Map.of("seat", "GOLD")).then().statusCode(400);
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("kind", "AIRCALL_USER_ID", "value", "77")).post("/api/users/" + erin + "/aircall-identities")
                .then().statusCode(409);
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("kind", "AIRCALL_USER_ID", "value", "-1")).post("/api/users/" + erin + "/aircall-identities")
                .then().statusCode(400);
        given().auth().oauth2(org.adminToken()).delete("/api/users/" + erin + "/aircall-identities/" + UUID.randomUUID())
                .then().statusCode(404);

        assertThat(changesOf(org.orgId())).hasSize(before);
        given().auth().oauth2(org.adminToken()).get("/api/users/" + erin).then().statusCode(200)
                .body("seat", equalTo("RECORDING"));
    }

    @Test
    void concurrentChangesInOneOrgGetDistinctSequencesInCommitOrder() throws Exception {
        TestOrg org = TestOrg.create();
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(org.createUser("racer" + i + "@acme.com", "MEMBER", "VIEWER"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> patches = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                String seat = List.of("RECORDING", "NONE", "VIEWER").get(round);
                for (UUID user : users) {
                    patches.add(pool.submit(() -> patch(org, user, Map.of("seat", seat)).statusCode()));
                }
                for (Future<Integer> patch : patches) {
                    assertThat(patch.get()).isEqualTo(200);
                }
                patches.clear();
            }
        } finally {
            pool.shutdownNow();
        }

        List<Change> changes = changesOf(org.orgId());
        assertThat(changes).hasSize(1 + 6 + 18);
        assertThat(changes).extracting(Change::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList());
        // A sequence is taken under the org's counter lock, and the time right after it: in sequence order, time never goes back.
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).occurredAt()).isAfterOrEqualTo(changes.get(i - 1).occurredAt());
        }
    }

    static io.restassured.response.Response patch(TestOrg org, UUID userId, Map<String, Object> body) {
        return given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON).body(body).patch("/api/users/" + userId);
    }

    static String link(TestOrg org, UUID userId, String kind, String value) {
        return given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "value", value)).post("/api/users/" + userId + "/aircall-identities")
                .then().statusCode(201).extract().path("id");
    }
}
