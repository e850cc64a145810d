package io.airspeed.users.rest;

import io.airspeed.testsupport.DevTokens;
import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A freshly bootstrapped org with its first admin, created over the real internal API. */
record TestOrg(UUID orgId, UUID adminId, String adminEmail) {

    static TestOrg create() {
        String adminEmail = "admin-" + UUID.randomUUID() + "@acme.test";
        var created = given().auth().oauth2(DevTokens.service()).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme " + UUID.randomUUID(), "admin", Map.of("email", adminEmail, "name", "Ada Admin")))
                .post("/internal/orgs")
                .then().statusCode(201).extract().jsonPath();
        return new TestOrg(UUID.fromString(created.getString("id")), UUID.fromString(created.getString("adminUserId")),
                adminEmail);
    }

    String adminToken() {
        return DevTokens.admin(orgId, adminId, adminEmail);
    }

    String memberToken(UUID userId) {
        return DevTokens.member(orgId, userId, "member@acme.test");
    }

    /** Creates a user through the admin API and returns its id. */
    UUID createUser(String email, String role, String seat) {
        String id = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", "User " + email, "role", role, "seat", seat))
                .post("/api/users")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}
