package io.airspeed.ingest.rest;

import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The receiving side of the roster-change feed and the access rule it carries (issue 12 item 4):
 * a deactivated or demoted user's token is refused on /api/** from the change on, whatever its
 * lifetime, and a late retry of an older change never brings an older state back.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class RosterChangeAccessTest {

    @Test
    void aDeactivatedUsersTokenIsRefusedAfterTheChangeAndAcceptedAgainAfterReactivation() {
        TestOrg org = TestOrg.create();
        String token = org.adminToken();
        decisionLog(token).statusCode(200);

        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 10, org.adminId, "ACTIVE_CHANGED", false, "ADMIN",
                "RECORDING", List.of("admin@acme.test"), List.of()))).then().statusCode(204);
        decisionLog(token).statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Account deactivated")).body("status", equalTo(403));

        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 11, org.adminId, "ACTIVE_CHANGED", true, "ADMIN",
                "RECORDING", List.of("admin@acme.test"), List.of()))).then().statusCode(204);
        decisionLog(token).statusCode(200);
    }

    @Test
    void aDemotedAdminsTokenStillClaimingAdminIsRefusedWhileAMemberTokenOfTheSameUserIsNot() {
        TestOrg org = TestOrg.create();
        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 3, org.adminId, "ROLE_CHANGED", true, "MEMBER",
                "RECORDING", List.of("admin@acme.test"), List.of()))).then().statusCode(204);

        decisionLog(org.adminToken()).statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("No longer an admin"));
        // The same person with a token as they are now (a member) may still use what members may.
        given().auth().oauth2(org.memberToken(org.adminId)).contentType(ContentType.JSON).body(Map.of("aircallCallId", 1))
                .post("/api/diagnostics/missing-call").then().statusCode(not(403));
    }

    @Test
    void anOlderSequenceArrivingLateDoesNotBringBackAnOlderState() {
        TestOrg org = TestOrg.create();
        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 20, org.adminId, "ACTIVE_CHANGED", false, "ADMIN",
                "RECORDING", List.of(), List.of()))).then().statusCode(204);
        // A retry of an older change (sequence 19: still active) arrives after it.
        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 19, org.adminId, "SEAT_CHANGED", true, "ADMIN",
                "RECORDING", List.of(), List.of()))).then().statusCode(204);

        decisionLog(org.adminToken()).statusCode(403).body("title", equalTo("Account deactivated"));
        assertThat(org.sqlLong("select sequence from user_access where user_id = ? and org_id = ?", org.adminId)).isEqualTo(20);
    }

    @Test
    void theSameChangeReceivedTwiceIsStoredOnceAndHasNoFurtherEffect() {
        TestOrg org = TestOrg.create();
        UUID changeId = UUID.randomUUID();
        Map<String, Object> deactivate = TestOrg.change(changeId, 5, org.adminId, "ACTIVE_CHANGED", false, "ADMIN", "RECORDING",
                List.of(), List.of());
        org.postRosterChanges(List.of(deactivate)).then().statusCode(204);
        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 6, org.adminId, "ACTIVE_CHANGED", true, "ADMIN",
                "RECORDING", List.of(), List.of()))).then().statusCode(204);

        // The first change again (a retry of users-service): 204, and it deactivates nobody a second time.
        org.postRosterChanges(List.of(deactivate)).then().statusCode(204);

        decisionLog(org.adminToken()).statusCode(200);
        assertThat(org.sqlLong("select count(*) from roster_changes where id = ? and org_id = ?", changeId)).isEqualTo(1);
    }

    @Test
    void anotherReplicasDeactivationIsEnforcedAfterTheRefreshFromTheDatabase() {
        TestOrg org = TestOrg.create();
        decisionLog(org.adminToken()).statusCode(200);

        // What another replica wrote when it received the change: this one learns it at its next reload.
        org.sql("insert into user_access (user_id, active, role, sequence, updated_at, org_id) values (?, false, 'ADMIN', 1, now(), ?)",
                org.adminId);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> decisionLog(org.adminToken()).statusCode(403));
    }

    @Test
    void aUserWithNoKnownStateAndAnotherOrgsUserAreNotAffected() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        org.postRosterChanges(List.of(TestOrg.change(UUID.randomUUID(), 1, org.adminId, "ACTIVE_CHANGED", false, "ADMIN",
                "RECORDING", List.of(), List.of()))).then().statusCode(204);

        decisionLog(other.adminToken()).statusCode(200);
        decisionLog(DevTokens.admin(org.orgId, UUID.randomUUID(), "someone@acme.test")).statusCode(200);
    }

    @Test
    void onlyAServiceTokenMayPostChanges() {
        TestOrg org = TestOrg.create();
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON).body(Map.of("changes", List.of()))
                .post("/internal/orgs/" + org.orgId + "/roster-changes").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("changes", List.of()))
                .post("/internal/orgs/" + org.orgId + "/roster-changes").then().statusCode(401);
    }

    @Test
    void malformedChangesAreRefusedWithAProblemAndNothingIsStored() {
        TestOrg org = TestOrg.create();
        UUID stored = UUID.randomUUID();
        Map<String, Object> valid = TestOrg.change(stored, 1, org.adminId, "ACTIVE_CHANGED", false, "ADMIN", "RECORDING",
                List.of(), List.of());
        Map<String, Object> unknownKind = new java.util.HashMap<>(TestOrg.change(UUID.randomUUID(), 2, org.adminId,
                "ACTIVE_CHANGED", true, "ADMIN", "RECORDING", List.of(), List.of()));
        unknownKind.put("kind", "HAIRCUT_CHANGED");
        org.postRosterChanges(List.of(valid, unknownKind)).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("kind"));

        Map<String, Object> noUser = new java.util.HashMap<>(valid);
        noUser.remove("user");
        org.postRosterChanges(List.of(noUser)).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("user"));

        List<Map<String, Object>> tooMany = IntStream.range(0, 101).mapToObj(i -> TestOrg.change(UUID.randomUUID(), i,
                UUID.randomUUID(), "USER_CREATED", true, "MEMBER", "NONE", List.of(), List.of())).toList();
        org.postRosterChanges(tooMany).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("changes"));

        given().auth().oauth2(DevTokens.service()).contentType(ContentType.JSON).body("{\"changes\": [ {")
                .post("/internal/orgs/" + org.orgId + "/roster-changes").then().statusCode(400);

        assertThat(org.sqlLong("select count(*) from roster_changes where org_id = ?")).isZero();
        decisionLog(org.adminToken()).statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse decisionLog(String token) {
        return given().auth().oauth2(token).get("/api/ingestion/decisions").then();
    }
}
