package io.airspeed.users.rest;

import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Bad input answers a 400 problem document naming the field, and writes nothing. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class ValidationTest {

    private TestOrg org;

    @BeforeEach
    void createOrg() {
        org = TestOrg.create();
    }

    @Test
    void rejectsABadEmail() {
        createUser(Map.of("email", "dave-at-acme", "name", "Dave", "role", "MEMBER", "seat", "RECORDING"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/users"))
                .body("errors.field", hasItem("email"));
        assertOnlyTheAdminExists();
    }

    @Test
    void rejectsAnUnknownSeat() {
        createUser(Map.of("email", "dave@acme.com", "name", "Dave", "role", "MEMBER", "seat", "GOLD"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("seat"))
                .body("errors[0].message", containsString("RECORDING"));
        assertOnlyTheAdminExists();
    }

    @Test
    void rejectsAnEmptyName() {
        createUser(Map.of("email", "dave@acme.com", "name", "  ", "role", "MEMBER", "seat", "RECORDING"))
                .then().statusCode(400).body("errors.field", hasItem("name"));
        assertOnlyTheAdminExists();
    }

    @Test
    void rejectsMissingFieldsNamingEachOne() {
        createUser(Map.of("name", "Dave"))
                .then().statusCode(400)
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("role"))
                .body("errors.field", hasItem("seat"));
    }

    @Test
    void rejectsAnUnknownField() {
        createUser(Map.of("email", "dave@acme.com", "name", "Dave", "role", "MEMBER", "seat", "RECORDING",
                "seats", "RECORDING"))
                .then().statusCode(400).body("errors[0].field", equalTo("seats"));
        assertOnlyTheAdminExists();
    }

    @Test
    void rejectsMalformedJson() {
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body("{\"email\": \"dave@acme.com\", ")
                .post("/api/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
        assertOnlyTheAdminExists();
    }

    @Test
    void rejectsAMissingBody() {
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .post("/api/users")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void rejectsAPageSizeOver200AndANegativePage() {
        given().auth().oauth2(org.adminToken()).get("/api/users?size=201")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
        given().auth().oauth2(org.adminToken()).get("/api/users?page=-1")
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
        given().auth().oauth2(org.adminToken()).get("/api/users?page=abc")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("page"));
        given().auth().oauth2(org.adminToken()).get("/api/users?size=ten")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
    }

    @Test
    void rejectsANonUuidPathWithA404() {
        given().auth().oauth2(org.adminToken()).get("/api/users/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void rejectsABadPatchWithoutChangingAnything() {
        UUID id = org.createUser("dave@acme.com", "MEMBER", "RECORDING");
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "New name", "seat", "PLATINUM"))
                .patch("/api/users/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("seat"));
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "", "seat", "NONE"))
                .patch("/api/users/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(org.adminToken()).get("/api/users/" + id)
                .then().statusCode(200).body("name", startsWith("User ")).body("seat", equalTo("RECORDING"));
    }

    @Test
    void rejectsAnUnknownIdentityKind() {
        UUID id = org.createUser("dave@acme.com", "MEMBER", "RECORDING");
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("kind", "PHONE", "value", "+33"))
                .post("/api/users/" + id + "/aircall-identities")
                .then().statusCode(400).body("errors[0].field", equalTo("kind"));
    }

    @Test
    void rejectsAnOrgWithoutNameOrWithABadAdminEmail() {
        given().auth().oauth2(DevTokens.service()).contentType(ContentType.JSON)
                .body(Map.of("name", "", "admin", Map.of("email", "nope", "name", "Ada")))
                .post("/internal/orgs")
                .then().statusCode(400)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("admin.email"));
    }

    private io.restassured.response.Response createUser(Map<String, Object> body) {
        return given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON).body(body).post("/api/users");
    }

    private void assertOnlyTheAdminExists() {
        given().auth().oauth2(org.adminToken()).get("/api/users")
                .then().statusCode(200).body("totalItems", equalTo(1));
    }
}
