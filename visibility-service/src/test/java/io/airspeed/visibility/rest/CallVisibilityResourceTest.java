package io.airspeed.visibility.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.TestCalls;
import io.airspeed.visibility.TestCalls.Person;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Rule 5 for each kind of person: the org's admin, the call's owner, a transfer party, a member
 * who is not on the call, and another org's admin.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class CallVisibilityResourceTest {

    private final UUID org = UUID.randomUUID();
    private final Person admin = Person.admin(org);
    private final Person owner = Person.member(org);
    private final Person transferee = Person.member(org);
    private final Person outsider = Person.member(org);
    private final Person otherOrgAdmin = Person.admin(UUID.randomUUID());

    private String publicCall;
    private String privateCall;

    @BeforeEach
    void importTwoCalls() {
        publicCall = TestCalls.importCall(org, owner.userId(), Instant.parse("2025-02-01T10:00:00Z"), transferee.userId());
        privateCall = TestCalls.importCall(org, owner.userId(), Instant.parse("2025-02-02T10:00:00Z"), transferee.userId());
        TestCalls.setVisibility(owner, privateCall, "PRIVATE");
    }

    @Test
    void adminSeesEveryCallOfTheOrgAndMayChangeEach() {
        admin.request().get("/api/calls").then().statusCode(200)
                .body("items.id", contains(privateCall, publicCall))
                .body("items.canChangeVisibility", contains(true, true))
                .body("totalItems", equalTo(2));
        admin.request().get("/api/calls/{id}", privateCall).then().statusCode(200).body("visibility", equalTo("PRIVATE"));
    }

    @Test
    void participantsSeeTheirPrivateCall() {
        for (Person participant : List.of(owner, transferee)) {
            participant.request().get("/api/calls").then().statusCode(200)
                    .body("items.id", contains(privateCall, publicCall))
                    .body("items.canChangeVisibility", contains(true, true));
            participant.request().get("/api/calls/{id}", privateCall).then().statusCode(200)
                    .body("canChangeVisibility", is(true));
        }
    }

    @Test
    void memberNotOnTheCallSeesPublicCallsOnlyAndMayNotChangeThem() {
        outsider.request().get("/api/calls").then().statusCode(200)
                .body("items.id", contains(publicCall))
                .body("items.canChangeVisibility", contains(false))
                .body("totalItems", equalTo(1));
        outsider.request().get("/api/calls/{id}", publicCall).then().statusCode(200)
                .body("canChangeVisibility", is(false));
        outsider.request().get("/api/calls/{id}", privateCall).then().statusCode(404);
    }

    @Test
    void aCallThatMayNotBeSeenAnswersExactlyLikeOneThatDoesNotExist() {
        Map<String, Object> hidden = problemWithoutInstance(outsider.request().get("/api/calls/{id}", privateCall));
        Map<String, Object> missing = problemWithoutInstance(
                outsider.request().get("/api/calls/{id}", UUID.randomUUID()));
        Map<String, Object> malformed = problemWithoutInstance(outsider.request().get("/api/calls/{id}", "not-a-uuid"));
        Map<String, Object> otherOrg = problemWithoutInstance(otherOrgAdmin.request().get("/api/calls/{id}", publicCall));
        assertThat(hidden).isEqualTo(missing).isEqualTo(malformed).isEqualTo(otherOrg);
        assertThat(hidden).containsEntry("status", 404).containsKeys("type", "title", "detail");

        Map<String, Object> hiddenPatch = problemWithoutInstance(outsider.request()
                .body(Map.of("visibility", "PUBLIC")).patch("/api/calls/{id}/visibility", privateCall));
        Map<String, Object> missingPatch = problemWithoutInstance(outsider.request()
                .body(Map.of("visibility", "PUBLIC")).patch("/api/calls/{id}/visibility", UUID.randomUUID()));
        assertThat(hiddenPatch).isEqualTo(missingPatch).isEqualTo(hidden);
    }

    @Test
    void anotherOrgsAdminSeesNothingAndChangesNothing() {
        otherOrgAdmin.request().get("/api/calls").then().statusCode(200)
                .body("items", empty()).body("totalItems", equalTo(0));
        otherOrgAdmin.request().get("/api/calls?participant={p}", owner.userId()).then().statusCode(200)
                .body("items", empty());
        otherOrgAdmin.request().get("/api/calls/{id}", publicCall).then().statusCode(404);
        otherOrgAdmin.request().body(Map.of("visibility", "PRIVATE"))
                .patch("/api/calls/{id}/visibility", publicCall).then().statusCode(404);
        admin.request().get("/api/calls/{id}", publicCall).then().body("visibility", equalTo("PUBLIC"))
                .body("visibilityHistory", empty());
    }

    @Test
    void aUserIdOnAnotherOrgsCallsDoesNotReachThemFromThisOrg() {
        // The same user id (say, a test fixture reused) on a private call of another org.
        UUID elsewhere = UUID.randomUUID();
        String foreign = TestCalls.importCall(elsewhere, owner.userId(), Instant.parse("2025-02-03T10:00:00Z"));
        TestCalls.setVisibility(new Person(elsewhere, owner.userId(),
                io.airspeed.testsupport.DevTokens.member(elsewhere, owner.userId(), "o@example.com")), foreign, "PRIVATE");

        owner.request().get("/api/calls").then().statusCode(200).body("items.id", contains(privateCall, publicCall));
        owner.request().get("/api/calls?participant={me}", owner.userId()).then().statusCode(200)
                .body("items.id", contains(privateCall, publicCall));
        admin.request().get("/api/calls?participant={me}", owner.userId()).then().statusCode(200)
                .body("items.id", contains(privateCall, publicCall));
        owner.request().get("/api/calls/{id}", foreign).then().statusCode(404);
        admin.request().get("/api/calls/{id}", foreign).then().statusCode(404);
    }

    @Test
    void participantMayMakeTheirCallPrivateAndPublicAgain() {
        transferee.request().body(Map.of("visibility", "PUBLIC")).patch("/api/calls/{id}/visibility", privateCall)
                .then().statusCode(200).body("visibility", equalTo("PUBLIC")).body("visibilityHistory", nullValue());
        outsider.request().get("/api/calls/{id}", privateCall).then().statusCode(200);

        owner.request().body(Map.of("visibility", "PRIVATE")).patch("/api/calls/{id}/visibility", privateCall)
                .then().statusCode(200).body("visibility", equalTo("PRIVATE"));
        outsider.request().get("/api/calls/{id}", privateCall).then().statusCode(404);
    }

    @Test
    void adminMayChangeAnyCallOfTheOrg() {
        admin.request().body(Map.of("visibility", "PRIVATE")).patch("/api/calls/{id}/visibility", publicCall)
                .then().statusCode(200).body("visibility", equalTo("PRIVATE"));
        outsider.request().get("/api/calls").then().body("items", empty());
        admin.request().body(Map.of("visibility", "PUBLIC")).patch("/api/calls/{id}/visibility", privateCall)
                .then().statusCode(200).body("visibility", equalTo("PUBLIC"));
        outsider.request().get("/api/calls").then().body("items.id", contains(privateCall));
    }

    @Test
    void memberWhoSeesButIsNotOnTheCallGets403AndNothingChanges() {
        outsider.request().body(Map.of("visibility", "PRIVATE")).patch("/api/calls/{id}/visibility", publicCall)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
        outsider.request().body(Map.of("visibility", "PUBLIC")).patch("/api/calls/{id}/visibility", privateCall)
                .then().statusCode(404);
        admin.request().get("/api/calls/{id}", publicCall).then()
                .body("visibility", equalTo("PUBLIC")).body("visibilityHistory", empty());
        admin.request().get("/api/calls/{id}", privateCall).then()
                .body("visibility", equalTo("PRIVATE")).body("visibilityHistory", hasSize(1));
    }

    @Test
    void everyChangeIsRecordedAndShownToAdminsOnly() {
        admin.request().body(Map.of("visibility", "PUBLIC")).patch("/api/calls/{id}/visibility", privateCall)
                .then().statusCode(200).body("visibilityHistory", hasSize(2));
        admin.request().get("/api/calls/{id}", privateCall).then().statusCode(200)
                .body("visibilityHistory.changedBy", contains(owner.userId().toString(), admin.userId().toString()))
                .body("visibilityHistory.changedByAdmin", contains(false, true))
                .body("visibilityHistory.from", contains("PUBLIC", "PRIVATE"))
                .body("visibilityHistory.to", contains("PRIVATE", "PUBLIC"))
                .body("visibilityHistory.changedAt", everyItem(notNullValue()));

        owner.request().get("/api/calls/{id}", privateCall).then().statusCode(200)
                .body("$", not(hasKey("visibilityHistory")));
        outsider.request().get("/api/calls/{id}", privateCall).then().statusCode(200)
                .body("$", not(hasKey("visibilityHistory")));
        admin.request().get("/api/calls").then()
                .body("items[0]", not(hasKey("visibilityHistory")));
    }

    @Test
    void settingTheVisibilityACallAlreadyHasRecordsNothing() {
        owner.request().body(Map.of("visibility", "PRIVATE")).patch("/api/calls/{id}/visibility", privateCall)
                .then().statusCode(200).body("visibility", equalTo("PRIVATE"));
        admin.request().get("/api/calls/{id}", privateCall).then().body("visibilityHistory", hasSize(1));
    }

    @Test
    void invalidVisibilityBodiesAnswer400NamingTheFieldAndChangeNothing() {
        String path = "/api/calls/" + publicCall + "/visibility";
        owner.request().body(Map.of("visibility", "SECRET")).patch(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("visibility"));
        owner.request().body(Map.of()).patch(path).then().statusCode(400).body("errors.field", contains("visibility"));
        owner.request().body(Map.of("visibility", "PRIVATE", "reason", "x")).patch(path).then().statusCode(400)
                .body("errors.field", contains("reason"));
        owner.request().body("{\"visibility\":").patch(path).then().statusCode(400)
                .body("title", equalTo("Malformed JSON")).body("errors.field", contains("body"));
        owner.request().patch(path).then().statusCode(400).body("errors.field", contains("body"));

        admin.request().get("/api/calls/{id}", publicCall).then()
                .body("visibility", equalTo("PUBLIC")).body("visibilityHistory", empty());
    }

    @Test
    void listItemsSayWhoMayChangeThem() {
        outsider.request().get("/api/calls").then()
                .body("items.id", contains(publicCall))
                .body("items.canChangeVisibility", contains(false));
        transferee.request().get("/api/calls").then()
                .body("items.id", contains(privateCall, publicCall))
                .body("items.visibility", contains("PRIVATE", "PUBLIC"))
                .body("items.canChangeVisibility", contains(true, true))
                .body("items[0].participantUserIds", contains(owner.userId().toString(), transferee.userId().toString()));
    }

    private static Map<String, Object> problemWithoutInstance(Response response) {
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Map<String, Object> body = new HashMap<>(response.jsonPath().getMap("$"));
        assertThat(body.remove("instance")).isNotNull();
        return body;
    }
}
