package io.airspeed.users.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class UserResourceTest {

    @Test
    void adminCreatesUserAndReadsItBack() {
        TestOrg org = TestOrg.create();
        String location = given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", " Dave@Acme.com ", "name", " Dave Miller ", "role", "MEMBER", "seat", "RECORDING"))
                .post("/api/users")
                .then().statusCode(201)
                .header("Location", containsString("/api/users/"))
                .body("email", equalTo("Dave@Acme.com"))
                .body("name", equalTo("Dave Miller"))
                .body("role", equalTo("MEMBER"))
                .body("seat", equalTo("RECORDING"))
                .body("active", equalTo(true))
                .body("createdAt", notNullValue())
                .body("aircallIdentities", empty())
                .extract().header("Location");

        given().auth().oauth2(org.adminToken()).get(location)
                .then().statusCode(200).body("email", equalTo("Dave@Acme.com")).body("seat", equalTo("RECORDING"));
    }

    @Test
    void duplicateEmailInTheSameOrgAnswers409EvenWithOtherCaseAndBlanks() {
        TestOrg org = TestOrg.create();
        org.createUser("dave@acme.com", "MEMBER", "RECORDING");

        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "  DAVE@acme.COM ", "name", "Other Dave", "role", "MEMBER", "seat", "VIEWER"))
                .post("/api/users")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString("dave@acme.com"));

        given().auth().oauth2(org.adminToken()).get("/api/users?size=200")
                .then().statusCode(200).body("totalItems", equalTo(2));
    }

    @Test
    void sameEmailInAnotherOrgIsAllowed() {
        TestOrg first = TestOrg.create();
        TestOrg second = TestOrg.create();
        first.createUser("shared@acme.com", "MEMBER", "RECORDING");
        second.createUser("shared@acme.com", "MEMBER", "RECORDING");
    }

    @Test
    void listsOnlyTheCallersOrgWithPaging() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        other.createUser("stranger@other.com", "MEMBER", "RECORDING");
        UUID first = org.createUser("u1@acme.com", "MEMBER", "RECORDING");
        UUID second = org.createUser("u2@acme.com", "MEMBER", "VIEWER");

        given().auth().oauth2(org.adminToken()).get("/api/users?page=0&size=2")
                .then().statusCode(200)
                .body("totalItems", equalTo(3))
                .body("totalPages", equalTo(2))
                .body("size", equalTo(2))
                .body("items.email", contains(org.adminEmail(), "u1@acme.com"));
        given().auth().oauth2(org.adminToken()).get("/api/users?page=1&size=2")
                .then().statusCode(200)
                .body("items.id", contains(second.toString()));
        given().auth().oauth2(org.adminToken()).get("/api/users?page=0&size=200")
                .then().statusCode(200)
                .body("items.id", contains(org.adminId().toString(), first.toString(), second.toString()));
    }

    @Test
    void adminPatchesEmailNameRoleAndSeat() {
        TestOrg org = TestOrg.create();
        UUID id = org.createUser("carol@acme.com", "MEMBER", "VIEWER");

        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "Carol.New@Acme.com", "name", "Carol New", "role", "ADMIN", "seat", "RECORDING"))
                .patch("/api/users/" + id)
                .then().statusCode(200)
                .body("email", equalTo("Carol.New@Acme.com"))
                .body("name", equalTo("Carol New"))
                .body("role", equalTo("ADMIN"))
                .body("seat", equalTo("RECORDING"));

        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("seat", "NONE"))
                .patch("/api/users/" + id)
                .then().statusCode(200)
                .body("seat", equalTo("NONE"))
                .body("name", equalTo("Carol New"));
    }

    @Test
    void patchingToAnotherUsersEmailAnswers409AndChangesNothing() {
        TestOrg org = TestOrg.create();
        org.createUser("taken@acme.com", "MEMBER", "RECORDING");
        UUID id = org.createUser("free@acme.com", "MEMBER", "RECORDING");

        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "TAKEN@acme.com", "seat", "NONE"))
                .patch("/api/users/" + id)
                .then().statusCode(409).contentType("application/problem+json");

        given().auth().oauth2(org.adminToken()).get("/api/users/" + id)
                .then().statusCode(200).body("email", equalTo("free@acme.com")).body("seat", equalTo("RECORDING"));
    }

    @Test
    void patchingOwnEmailToACaseVariantIsAllowed() {
        TestOrg org = TestOrg.create();
        UUID id = org.createUser("erin@acme.com", "MEMBER", "RECORDING");
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "Erin@Acme.com"))
                .patch("/api/users/" + id)
                .then().statusCode(200).body("email", equalTo("Erin@Acme.com"));
    }

    @Test
    void deleteDeactivatesAndKeepsTheUser() {
        TestOrg org = TestOrg.create();
        UUID id = org.createUser("leaver@acme.com", "MEMBER", "RECORDING");

        given().auth().oauth2(org.adminToken()).delete("/api/users/" + id).then().statusCode(204);
        given().auth().oauth2(org.adminToken()).delete("/api/users/" + id).then().statusCode(204);

        given().auth().oauth2(org.adminToken()).get("/api/users/" + id)
                .then().statusCode(200)
                .body("active", equalTo(false))
                .body("deactivatedAt", notNullValue());

        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "leaver@acme.com", "name", "Again", "role", "MEMBER", "seat", "RECORDING"))
                .post("/api/users")
                .then().statusCode(409).body("detail", containsString("deactivated"));

        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("active", true))
                .patch("/api/users/" + id)
                .then().statusCode(200).body("active", equalTo(true)).body("deactivatedAt", nullValue());
    }

    @Test
    void theLastActiveAdminCannotBeDemotedOrDeactivated() {
        TestOrg org = TestOrg.create();
        given().auth().oauth2(org.adminToken()).delete("/api/users/" + org.adminId())
                .then().statusCode(409).body("detail", containsString("last active admin"));
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("role", "MEMBER"))
                .patch("/api/users/" + org.adminId())
                .then().statusCode(409);

        org.createUser("second-admin@acme.com", "ADMIN", "RECORDING");
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("role", "MEMBER"))
                .patch("/api/users/" + org.adminId())
                .then().statusCode(200).body("role", equalTo("MEMBER"));
    }

    @Test
    void meAnswersTheCallersOwnUserForMembersToo() {
        TestOrg org = TestOrg.create();
        UUID member = org.createUser("me@acme.com", "MEMBER", "VIEWER");
        given().auth().oauth2(org.memberToken(member)).get("/api/users/me")
                .then().statusCode(200)
                .body("id", equalTo(member.toString()))
                .body("email", equalTo("me@acme.com"))
                .body("seat", equalTo("VIEWER"));
    }

    @Test
    void concurrentCreatesOfTheSameEmailLetExactlyOneWin() throws Exception {
        TestOrg org = TestOrg.create();
        String token = org.adminToken();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String variant = i % 2 == 0 ? "race@acme.com" : " RACE@acme.com";
                attempts.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(Map.of("email", variant, "name", "Racer", "role", "MEMBER", "seat", "RECORDING"))
                        .post("/api/users").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var attempt : attempts) {
                statuses.add(attempt.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(token).get("/api/users").then().body("totalItems", equalTo(2));
    }
}
