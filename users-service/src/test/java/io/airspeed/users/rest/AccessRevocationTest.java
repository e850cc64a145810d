package io.airspeed.users.rest;

import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.Database;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A token outlives a deactivation or a demotion; the service does not let it (issue 12 item 4):
 * on this replica at once, on another through the periodic reload.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class AccessRevocationTest {

    /** The test profile reloads every second; a loaded machine gets far more than that. */
    private static final Duration REFRESH_PATIENCE = Duration.ofSeconds(20);

    @Test
    void aDeactivatedUsersTokenIsRefusedRightAfterTheDeleteAndWorksAgainAfterReactivation() {
        TestOrg org = TestOrg.create();
        UUID carol = org.createUser("carol@acme.com", "MEMBER", "RECORDING");
        String token = DevTokens.member(org.orgId(), carol, "carol@acme.com");
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);

        given().auth().oauth2(org.adminToken()).delete("/api/users/" + carol).then().statusCode(204);
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("title", equalTo("Account deactivated"));

        given().auth().oauth2(org.adminToken()).contentType("application/json").body(Map.of("active", true))
                .patch("/api/users/" + carol).then().statusCode(200);
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(200).body("id", equalTo(carol.toString()));
    }

    @Test
    void aDemotedAdminsAdminTokenIsRefusedWhileAMemberTokenOfTheSameUserWorks() {
        TestOrg org = TestOrg.create();
        UUID dana = org.createUser("dana@acme.com", "ADMIN", "RECORDING");
        String adminToken = DevTokens.admin(org.orgId(), dana, "dana@acme.com");
        String memberToken = DevTokens.member(org.orgId(), dana, "dana@acme.com");
        given().auth().oauth2(adminToken).get("/api/users").then().statusCode(200);

        RosterChangeRecordingTest.patch(org, dana, Map.of("role", "MEMBER")).then().statusCode(200);
        given().auth().oauth2(adminToken).get("/api/users").then().statusCode(403)
                .contentType("application/problem+json").body("title", equalTo("No longer an admin"));
        given().auth().oauth2(adminToken).get("/api/users/me").then().statusCode(403);
        given().auth().oauth2(memberToken).get("/api/users/me").then().statusCode(200).body("role", equalTo("MEMBER"));

        RosterChangeRecordingTest.patch(org, dana, Map.of("role", "ADMIN")).then().statusCode(200);
        given().auth().oauth2(adminToken).get("/api/users").then().statusCode(200);
    }

    @Test
    void aChangeMadeByAnotherReplicaArrivesThroughTheReload() {
        TestOrg org = TestOrg.create();
        UUID erin = org.createUser("erin@acme.com", "MEMBER", "RECORDING");
        String token = DevTokens.member(org.orgId(), erin, "erin@acme.com");
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);

        // What another replica's commit looks like from here: the table changed, this replica was not told.
        Database.update("update users.users set active = false, deactivated_at = now() where id = ?", erin);
        await().atMost(REFRESH_PATIENCE).untilAsserted(() -> given().auth().oauth2(token).get("/api/users/me")
                .then().statusCode(403).body("title", equalTo("Account deactivated")));

        Database.update("update users.users set active = true, deactivated_at = null where id = ?", erin);
        await().atMost(REFRESH_PATIENCE).untilAsserted(() -> given().auth().oauth2(token).get("/api/users/me")
                .then().statusCode(200));
    }

    @Test
    void serviceTokensAndUnknownUsersAreNotJudgedByTheView() {
        TestOrg org = TestOrg.create();
        // A user this service does not hold: no known state, so nothing is refused by the view.
        given().auth().oauth2(DevTokens.admin(org.orgId(), UUID.randomUUID(), "ghost@acme.test")).get("/api/users")
                .then().statusCode(200);
        given().auth().oauth2(DevTokens.service()).get("/internal/orgs/" + org.orgId() + "/roster").then().statusCode(200);
    }
}
