package io.airspeed.visibility.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.TestCalls;
import io.airspeed.visibility.TestCalls.Person;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The internal check behind "why is my call missing?". */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class CallAccessResourceTest {

    private static final String ACCESS = "/internal/orgs/{org}/calls/by-aircall-id/{aircall}/access";

    private final UUID org = UUID.randomUUID();
    private final Person owner = Person.member(org);
    private final Person colleague = Person.member(org);
    private final long publicAircallId = TestCalls.nextAircallId();
    private final long privateAircallId = TestCalls.nextAircallId();
    private String publicCall;
    private String privateCall;

    @BeforeEach
    void importCalls() {
        publicCall = TestCalls.importCall(org, publicAircallId, owner.userId(), Instant.parse("2025-06-01T09:00:00Z"));
        privateCall = TestCalls.importCall(org, privateAircallId, owner.userId(), Instant.parse("2025-06-01T10:00:00Z"));
        TestCalls.setVisibility(owner, privateCall, "PRIVATE");
    }

    @Test
    void aCallThatWasNeverImportedDoesNotExist() {
        access(org, TestCalls.nextAircallId(), owner.userId(), null).statusCode(200)
                .body("exists", is(false))
                .body("visibleToUser", is(false))
                .body("$", not(hasKey("callId")))
                .body("$", not(hasKey("visibility")));
    }

    @Test
    void aPublicCallIsVisibleToEveryUserOfTheOrg() {
        access(org, publicAircallId, colleague.userId(), null).statusCode(200)
                .body("exists", is(true))
                .body("callId", equalTo(publicCall))
                .body("visibility", equalTo("PUBLIC"))
                .body("userIsParticipant", is(false))
                .body("visibleToUser", is(true));
    }

    @Test
    void aPrivateCallIsVisibleToItsParticipantsAndToAdminsOnly() {
        access(org, privateAircallId, owner.userId(), null).statusCode(200)
                .body("exists", is(true)).body("visibility", equalTo("PRIVATE"))
                .body("userIsParticipant", is(true)).body("visibleToUser", is(true));
        access(org, privateAircallId, colleague.userId(), null)
                .body("exists", is(true)).body("callId", equalTo(privateCall))
                .body("userIsParticipant", is(false)).body("visibleToUser", is(false));
        access(org, privateAircallId, colleague.userId(), colleague.token()).statusCode(200).body("visibleToUser", is(false));
        Person admin = Person.admin(org);
        access(org, privateAircallId, admin.userId(), admin.token()).statusCode(200)
                .body("userIsParticipant", is(false)).body("visibleToUser", is(true));
    }

    @Test
    void anAdminIsKnownFromTheirOwnVerifiedTokenNotFromTheAskingService() {
        Person admin = Person.admin(org);
        // Without the admin's token the service's word is not enough: judged as a member.
        access(org, privateAircallId, admin.userId(), null).statusCode(200).body("visibleToUser", is(false));
        TestCalls.service().queryParam("userId", admin.userId().toString()).queryParam("admin", "true")
                .get(ACCESS, org, privateAircallId).then().statusCode(200).body("visibleToUser", is(false));
        // A member's token cannot be passed off as an admin's, nor someone else's token as the user's.
        access(org, privateAircallId, admin.userId(), colleague.token()).statusCode(403)
                .contentType("application/problem+json");
        access(UUID.randomUUID(), privateAircallId, admin.userId(), admin.token()).statusCode(403);
        access(org, privateAircallId, admin.userId(), admin.token() + "x").statusCode(403);
        access(org, privateAircallId, admin.userId(), "Bearer " + admin.token()).statusCode(200).body("visibleToUser", is(true));
    }

    @Test
    void anotherOrgsCallDoesNotExistForThisOrg() {
        UUID otherOrg = UUID.randomUUID();
        Person otherAdmin = Person.admin(otherOrg);
        access(otherOrg, publicAircallId, otherAdmin.userId(), otherAdmin.token()).statusCode(200)
                .body("exists", is(false)).body("visibleToUser", is(false));
    }

    @Test
    void missingOrMalformedParametersAnswer400NamingThem() {
        TestCalls.service().get(ACCESS, org, publicAircallId).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("userId"));
        access(org, publicAircallId, null, null).statusCode(400);
        TestCalls.service().get(ACCESS + "?userId=dave", org, publicAircallId).then().statusCode(400)
                .body("errors.field", contains("userId"));
        TestCalls.service().get(ACCESS + "?userId={u}", org, "call-1", owner.userId()).then().statusCode(400)
                .body("errors.field", contains("aircallCallId"));
    }

    @Test
    void userTokensMayNotAsk() {
        owner.request().get(ACCESS + "?userId={u}", org, publicAircallId, owner.userId()).then().statusCode(403)
                .contentType("application/problem+json");
        Person.admin(org).request().get(ACCESS + "?userId={u}", org, publicAircallId, owner.userId()).then()
                .statusCode(403);
    }

    private static ValidatableResponse access(UUID orgId, long aircallId, UUID userId, String userToken) {
        var request = TestCalls.service();
        if (userId != null) {
            request = request.queryParam("userId", userId.toString());
        }
        if (userToken != null) {
            request = request.header("X-Airspeed-User-Token", userToken);
        }
        return request.get(ACCESS, orgId, aircallId).then();
    }
}
