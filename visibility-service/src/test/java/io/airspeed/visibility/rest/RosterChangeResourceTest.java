package io.airspeed.visibility.rest;

import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.TestCalls;
import io.airspeed.visibility.TestCalls.Person;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * users-service's roster change feed as this service receives it (issue 12 items 1 and 4): the
 * contract's endpoint, and the 403 it leads to on {@code /api/**} for deactivated and demoted users.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class RosterChangeResourceTest {

    private static final Duration REFRESH_PATIENCE = Duration.ofSeconds(20);

    private final UUID org = UUID.randomUUID();

    static Map<String, Object> change(UUID id, long sequence, UUID userId, String kind, boolean active, String role) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("id", id.toString());
        change.put("sequence", sequence);
        change.put("userId", userId.toString());
        change.put("kind", kind);
        change.put("occurredAt", Instant.now().toString());
        change.put("user", Map.of("active", active, "role", role, "seat", "RECORDING"));
        change.put("emails", List.of("carol@acme.com"));
        change.put("aircallUserIds", List.of(1234));
        return change;
    }

    private io.restassured.response.ValidatableResponse send(Object... changes) {
        return TestCalls.service().body(Map.of("changes", List.of(changes)))
                .post("/internal/orgs/{org}/roster-changes", org).then();
    }

    private static io.restassured.response.ValidatableResponse callsOf(Person person) {
        return person.request().get("/api/calls").then();
    }

    @Test
    void aDeactivationRefusesTheUsersTokenAndAReactivationLetsTheSameTokenInAgain() {
        Person carol = Person.member(org);
        callsOf(carol).statusCode(200);

        send(change(UUID.randomUUID(), 10, carol.userId(), "ACTIVE_CHANGED", false, "MEMBER")).statusCode(204);
        callsOf(carol).statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403)).body("title", equalTo("Account deactivated"));
        carol.request().get("/api/settings/visibility").then().statusCode(403);

        send(change(UUID.randomUUID(), 11, carol.userId(), "ACTIVE_CHANGED", true, "MEMBER")).statusCode(204);
        callsOf(carol).statusCode(200);
    }

    @Test
    void aDemotedAdminsAdminTokenIsRefusedWhileAMemberTokenOfTheSameUserWorks() {
        Person dana = Person.admin(org);
        Person danaAsMember = new Person(org, dana.userId(), DevTokens.member(org, dana.userId(), "dana@acme.com"));
        dana.request().get("/api/settings/visibility").then().statusCode(200);

        send(change(UUID.randomUUID(), 5, dana.userId(), "ROLE_CHANGED", true, "MEMBER")).statusCode(204);
        callsOf(dana).statusCode(403).contentType("application/problem+json").body("title", equalTo("No longer an admin"));
        callsOf(danaAsMember).statusCode(200);

        send(change(UUID.randomUUID(), 6, dana.userId(), "ROLE_CHANGED", true, "ADMIN")).statusCode(204);
        callsOf(dana).statusCode(200);
    }

    @Test
    void aChangeReceivedAgainHasNoFurtherEffect() {
        Person erin = Person.member(org);
        UUID deactivation = UUID.randomUUID();
        send(change(deactivation, 20, erin.userId(), "ACTIVE_CHANGED", false, "MEMBER")).statusCode(204);
        send(change(UUID.randomUUID(), 21, erin.userId(), "ACTIVE_CHANGED", true, "MEMBER")).statusCode(204);
        callsOf(erin).statusCode(200);

        // The same change id again, even claiming a newer sequence: already received, nothing happens.
        send(change(deactivation, 22, erin.userId(), "ACTIVE_CHANGED", false, "MEMBER")).statusCode(204);
        callsOf(erin).statusCode(200);
        // Twice in one batch: once.
        UUID twice = UUID.randomUUID();
        send(change(twice, 30, erin.userId(), "ACTIVE_CHANGED", false, "MEMBER"),
                change(twice, 31, erin.userId(), "ACTIVE_CHANGED", true, "MEMBER")).statusCode(204);
        callsOf(erin).statusCode(403);
        assertRow(erin.userId(), false, 30);
    }

    @Test
    void anOlderSequenceNeverBringsBackAnOlderState() {
        Person frank = Person.member(org);
        send(change(UUID.randomUUID(), 40, frank.userId(), "ACTIVE_CHANGED", false, "MEMBER")).statusCode(204);
        // A late retry of an earlier reactivation.
        send(change(UUID.randomUUID(), 39, frank.userId(), "ACTIVE_CHANGED", true, "MEMBER")).statusCode(204);
        callsOf(frank).statusCode(403);
        // Out of order inside one batch: the newest wins.
        Person gina = Person.member(org);
        send(change(UUID.randomUUID(), 8, gina.userId(), "ACTIVE_CHANGED", true, "MEMBER"),
                change(UUID.randomUUID(), 7, gina.userId(), "ACTIVE_CHANGED", false, "MEMBER")).statusCode(204);
        callsOf(gina).statusCode(200);
        assertRow(gina.userId(), true, 8);
    }

    @Test
    void onlyServiceTokensMayPostChanges() {
        Person admin = Person.admin(org);
        Map<String, Object> body = Map.of("changes", List.of(change(UUID.randomUUID(), 1, admin.userId(), "ACTIVE_CHANGED", false, "MEMBER")));
        given().contentType(ContentType.JSON).body(body).post("/internal/orgs/{org}/roster-changes", org)
                .then().statusCode(401).contentType("application/problem+json");
        admin.request().body(body).post("/internal/orgs/{org}/roster-changes", org)
                .then().statusCode(403).contentType("application/problem+json");
        Person.member(org).request().body(body).post("/internal/orgs/{org}/roster-changes", org).then().statusCode(403);
        callsOf(admin).statusCode(200);
    }

    @Test
    void aMalformedBodyAnswers400AndAppliesNothing() {
        Person hana = Person.member(org);
        Map<String, Object> unknownKind = change(UUID.randomUUID(), 1, hana.userId(), "USER_DELETED", false, "MEMBER");
        send(unknownKind).statusCode(400).contentType("application/problem+json").body("detail", containsString("kind"));
        Map<String, Object> noUser = change(UUID.randomUUID(), 1, hana.userId(), "ACTIVE_CHANGED", false, "MEMBER");
        noUser.remove("user");
        // A valid change beside an invalid one: the whole request is refused, nothing half applied.
        send(change(UUID.randomUUID(), 2, hana.userId(), "ACTIVE_CHANGED", false, "MEMBER"), noUser)
                .statusCode(400).body("errors[0].field", containsString("user"));
        Map<String, Object> badRole = change(UUID.randomUUID(), 1, hana.userId(), "ROLE_CHANGED", true, "OWNER");
        send(badRole).statusCode(400);
        Map<String, Object> noSequence = change(UUID.randomUUID(), 1, hana.userId(), "ACTIVE_CHANGED", false, "MEMBER");
        noSequence.remove("sequence");
        send(noSequence).statusCode(400);
        TestCalls.service().body("{\"changes\": [").post("/internal/orgs/{org}/roster-changes", org).then().statusCode(400)
                .contentType("application/problem+json");
        TestCalls.service().body(Map.of("changes", List.of(change(UUID.randomUUID(), 1, hana.userId(), "ACTIVE_CHANGED", false, "MEMBER"))))
                .post("/internal/orgs/{org}/roster-changes", "not-an-org").then().statusCode(400);
        List<Object> tooMany = new ArrayList<>();
        for (int i = 1; i <= 101; i++) {
            tooMany.add(change(UUID.randomUUID(), i, hana.userId(), "ACTIVE_CHANGED", false, "MEMBER"));
        }
        TestCalls.service().body(Map.of("changes", tooMany)).post("/internal/orgs/{org}/roster-changes", org)
                .then().statusCode(400).body("errors[0].field", equalTo("changes"));

        callsOf(hana).statusCode(200);
    }

    @Test
    void aReplicaThatDidNotReceiveTheChangeCatchesUpThroughTheReload() throws Exception {
        Person ivan = Person.member(org);
        callsOf(ivan).statusCode(200);
        // What another replica's receipt looks like from here: the row exists, this replica's view was not told.
        sql("insert into visibility.user_access (org_id, user_id, active, role, sequence, updated_at) values (?, ?, false, 'MEMBER', 1, now())",
                org, ivan.userId());
        await().atMost(REFRESH_PATIENCE).untilAsserted(() -> callsOf(ivan).statusCode(403).body("title", equalTo("Account deactivated")));

        sql("update visibility.user_access set active = true, sequence = 2 where org_id = ? and user_id = ?", org, ivan.userId());
        await().atMost(REFRESH_PATIENCE).untilAsserted(() -> callsOf(ivan).statusCode(200));
    }

    private void assertRow(UUID userId, boolean active, long sequence) {
        try (var connection = connect(); var statement = connection.prepareStatement(
                "select active, sequence from visibility.user_access where org_id = ? and user_id = ?")) {
            statement.setObject(1, org);
            statement.setObject(2, userId);
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBoolean(1)).isEqualTo(active);
                assertThat(rows.getLong(2)).isEqualTo(sequence);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sql(String sql, Object... parameters) throws java.sql.SQLException {
        try (var connection = connect(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static java.sql.Connection connect() throws java.sql.SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
