package io.airspeed.users.rest;

import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class OrgResourceTest {

    @Test
    void bootstrapsAnOrgWithItsFirstAdminOnARecordingSeat() {
        TestOrg org = TestOrg.create();
        given().auth().oauth2(org.adminToken()).get("/api/users/me")
                .then().statusCode(200)
                .body("role", equalTo("ADMIN"))
                .body("seat", equalTo("RECORDING"))
                .body("email", equalTo(org.adminEmail()));
    }

    @Test
    void bootstrapsAnOrgWithoutAdmin() {
        given().auth().oauth2(DevTokens.service()).contentType(ContentType.JSON)
                .body(Map.of("name", "Lonely Org"))
                .post("/internal/orgs")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("name", equalTo("Lonely Org"))
                .body("createdAt", notNullValue())
                .body("$", not(hasKey("adminUserId")));
    }

    @Test
    void rosterListsEveryUserWithNormalizedEmailsIdentitiesSeatRoleAndActive() {
        TestOrg org = TestOrg.create();
        UUID dave = org.createUser(" Dave@Acme.COM ", "MEMBER", "RECORDING");
        UUID carol = org.createUser("carol@acme.com", "MEMBER", "VIEWER");
        UUID grace = org.createUser("grace@acme.com", "MEMBER", "RECORDING");
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("kind", "EMAIL", "value", "Dave.Sales@ACME.com")).post("/api/users/" + dave + "/aircall-identities")
                .then().statusCode(201);
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("kind", "AIRCALL_USER_ID", "value", "1004")).post("/api/users/" + dave + "/aircall-identities")
                .then().statusCode(201);
        given().auth().oauth2(org.adminToken()).delete("/api/users/" + grace).then().statusCode(204);
        TestOrg.create().createUser("stranger@other.com", "MEMBER", "RECORDING");

        JsonPath roster = given().auth().oauth2(DevTokens.service())
                .get("/internal/orgs/" + org.orgId() + "/roster")
                .then().statusCode(200)
                .body("orgId", equalTo(org.orgId().toString()))
                .extract().jsonPath();

        List<Map<String, Object>> users = roster.getList("users");
        assertThat(users).extracting(u -> u.get("userId"))
                .containsExactly(org.adminId().toString(), dave.toString(), carol.toString(), grace.toString());
        Map<String, Object> daveEntry = users.get(1);
        assertThat(daveEntry.get("email")).isEqualTo("Dave@Acme.COM");
        assertThat(daveEntry.get("normalizedEmails")).isEqualTo(List.of("dave@acme.com", "dave.sales@acme.com"));
        assertThat(daveEntry.get("aircallUserIds")).isEqualTo(List.of(1004));
        assertThat(daveEntry.get("seat")).isEqualTo("RECORDING");
        assertThat(daveEntry.get("role")).isEqualTo("MEMBER");
        assertThat(daveEntry.get("active")).isEqualTo(true);
        assertThat(users.get(2).get("seat")).isEqualTo("VIEWER");
        assertThat(users.get(3).get("active")).isEqualTo(false);
        assertThat(users.get(3).get("aircallUserIds")).isEqualTo(List.of());
    }

    @Test
    void rosterOfAnUnknownOrgAnswers404() {
        given().auth().oauth2(DevTokens.service())
                .get("/internal/orgs/" + UUID.randomUUID() + "/roster")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
