package io.airspeed.users.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class AircallIdentityResourceTest {

    @Test
    void linksAnAliasEmailAndAnAircallUserId() {
        TestOrg org = TestOrg.create();
        UUID dave = org.createUser("dave@acme.com", "MEMBER", "RECORDING");

        link(org, dave, "EMAIL", " Dave.Sales@Acme.com ")
                .then().statusCode(201)
                .header("Location", containsString("/api/users/" + dave + "/aircall-identities/"))
                .body("kind", equalTo("EMAIL"))
                .body("value", equalTo("Dave.Sales@Acme.com"));
        link(org, dave, "AIRCALL_USER_ID", "1004").then().statusCode(201).body("value", equalTo("1004"));

        given().auth().oauth2(org.adminToken()).get("/api/users/" + dave)
                .then().statusCode(200)
                .body("aircallIdentities", hasSize(2))
                .body("aircallIdentities.kind", contains("EMAIL", "AIRCALL_USER_ID"));
    }

    @Test
    void anAliasThatIsAnotherUsersPrimaryEmailAnswers409() {
        TestOrg org = TestOrg.create();
        org.createUser("bob@acme.com", "MEMBER", "RECORDING");
        UUID dave = org.createUser("dave@acme.com", "MEMBER", "RECORDING");

        link(org, dave, "EMAIL", "BOB@acme.com ").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("bob@acme.com"));
    }

    @Test
    void aPrimaryEmailThatIsAnotherUsersAliasAnswers409() {
        TestOrg org = TestOrg.create();
        UUID dave = org.createUser("dave@acme.com", "MEMBER", "RECORDING");
        link(org, dave, "EMAIL", "sales@acme.com").then().statusCode(201);

        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "Sales@Acme.com", "name", "Sales", "role", "MEMBER", "seat", "RECORDING"))
                .post("/api/users")
                .then().statusCode(409).body("detail", containsString("Aircall identity"));
    }

    @Test
    void anAliasLinkedTwiceOrAnAircallIdOfSomeoneElseAnswers409() {
        TestOrg org = TestOrg.create();
        UUID dave = org.createUser("dave@acme.com", "MEMBER", "RECORDING");
        UUID erin = org.createUser("erin@acme.com", "MEMBER", "RECORDING");
        link(org, dave, "EMAIL", "team@acme.com").then().statusCode(201);
        link(org, dave, "AIRCALL_USER_ID", "77").then().statusCode(201);

        link(org, erin, "EMAIL", "Team@Acme.com").then().statusCode(409);
        link(org, dave, "EMAIL", "team@acme.com").then().statusCode(409);
        link(org, erin, "AIRCALL_USER_ID", "077").then().statusCode(409).body("detail", containsString("77"));
    }

    @Test
    void aircallUserIdMustBeAPositiveInteger() {
        TestOrg org = TestOrg.create();
        UUID dave = org.createUser("dave@acme.com", "MEMBER", "RECORDING");
        link(org, dave, "AIRCALL_USER_ID", "abc").then().statusCode(400)
                .body("errors[0].field", equalTo("value"));
        link(org, dave, "AIRCALL_USER_ID", "-5").then().statusCode(400)
                .body("errors[0].field", equalTo("value"));
        link(org, dave, "EMAIL", "not-an-email").then().statusCode(400)
                .body("errors[0].field", equalTo("value"));
    }

    @Test
    void unlinkingFreesTheValue() {
        TestOrg org = TestOrg.create();
        UUID dave = org.createUser("dave@acme.com", "MEMBER", "RECORDING");
        UUID erin = org.createUser("erin@acme.com", "MEMBER", "RECORDING");
        String identityId = link(org, dave, "EMAIL", "alias@acme.com").then().statusCode(201).extract().path("id");

        given().auth().oauth2(org.adminToken())
                .delete("/api/users/" + dave + "/aircall-identities/" + identityId)
                .then().statusCode(204);
        given().auth().oauth2(org.adminToken())
                .delete("/api/users/" + dave + "/aircall-identities/" + identityId)
                .then().statusCode(404);
        link(org, erin, "EMAIL", "alias@acme.com").then().statusCode(201);
    }

    @Test
    void linkingToAnotherOrgsUserAnswers404() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        UUID stranger = other.createUser("stranger@other.com", "MEMBER", "RECORDING");
        link(org, stranger, "EMAIL", "x@acme.com").then().statusCode(404);
    }

    private static io.restassured.response.Response link(TestOrg org, UUID userId, String kind, String value) {
        return given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "value", value))
                .post("/api/users/" + userId + "/aircall-identities");
    }
}
