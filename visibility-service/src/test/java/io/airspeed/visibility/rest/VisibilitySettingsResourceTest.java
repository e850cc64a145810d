package io.airspeed.visibility.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.TestCalls;
import io.airspeed.visibility.TestCalls.Person;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class VisibilitySettingsResourceTest {

    private static final Instant STARTED = Instant.parse("2025-05-01T12:00:00Z");

    private final UUID org = UUID.randomUUID();
    private final Person admin = Person.admin(org);
    private final Person member = Person.member(org);

    @Test
    void defaultIsPublicAndEveryUserOfTheOrgMayReadIt() {
        member.request().get("/api/settings/visibility").then().statusCode(200)
                .body("defaultVisibility", equalTo("PUBLIC"))
                .body("updatedAt", nullValue());
        admin.request().get("/api/settings/visibility").then().statusCode(200)
                .body("defaultVisibility", equalTo("PUBLIC"));
    }

    @Test
    void changedDefaultAppliesToTheNextImportsOnly() {
        String before = TestCalls.importCall(org, member.userId(), STARTED);

        admin.request().body(Map.of("defaultVisibility", "PRIVATE")).put("/api/settings/visibility").then()
                .statusCode(200)
                .body("defaultVisibility", equalTo("PRIVATE"))
                .body("updatedBy", equalTo(admin.userId().toString()))
                .body("updatedAt", notNullValue());
        member.request().get("/api/settings/visibility").then().body("defaultVisibility", equalTo("PRIVATE"));

        long aircallId = TestCalls.nextAircallId();
        String after = TestCalls.put(org, aircallId, TestCalls.callBody(member.userId(), STARTED.plusSeconds(60)))
                .statusCode(201).body("visibility", equalTo("PRIVATE")).extract().path("id");
        admin.request().get("/api/calls/{id}", before).then().body("visibility", equalTo("PUBLIC"));

        // Switching back does not touch calls imported meanwhile, nor their re-deliveries.
        admin.request().body(Map.of("defaultVisibility", "PUBLIC")).put("/api/settings/visibility").then()
                .statusCode(200).body("defaultVisibility", equalTo("PUBLIC"));
        TestCalls.put(org, aircallId, TestCalls.callBody(member.userId(), STARTED.plusSeconds(60)))
                .statusCode(200).body("visibility", equalTo("PRIVATE"));
        TestCalls.importCall(org, member.userId(), STARTED.plusSeconds(120));
        Person colleague = Person.member(org);
        colleague.request().get("/api/calls").then().body("totalItems", equalTo(2));
        colleague.request().get("/api/calls/{id}", after).then().statusCode(404);
    }

    @Test
    void settingsBelongToOneOrg() {
        Person otherAdmin = Person.admin(UUID.randomUUID());
        admin.request().body(Map.of("defaultVisibility", "PRIVATE")).put("/api/settings/visibility").then()
                .statusCode(200);
        otherAdmin.request().get("/api/settings/visibility").then().body("defaultVisibility", equalTo("PUBLIC"));
        TestCalls.put(otherAdmin.orgId(), TestCalls.nextAircallId(), TestCalls.callBody(UUID.randomUUID(), STARTED))
                .statusCode(201).body("visibility", equalTo("PUBLIC"));
    }

    @Test
    void membersMayNotChangeTheDefault() {
        member.request().body(Map.of("defaultVisibility", "PRIVATE")).put("/api/settings/visibility").then()
                .statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        member.request().get("/api/settings/visibility").then().body("defaultVisibility", equalTo("PUBLIC"));
    }

    @Test
    void invalidSettingsAnswer400NamingTheFieldAndChangeNothing() {
        admin.request().body(Map.of("defaultVisibility", "HIDDEN")).put("/api/settings/visibility").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("defaultVisibility"));
        admin.request().body(Map.of()).put("/api/settings/visibility").then()
                .statusCode(400).body("errors.field", contains("defaultVisibility"));
        admin.request().body(Map.of("defaultVisibility", "PRIVATE", "orgId", UUID.randomUUID().toString()))
                .put("/api/settings/visibility").then()
                .statusCode(400).body("errors.field", contains("orgId"));
        admin.request().get("/api/settings/visibility").then()
                .body("defaultVisibility", equalTo("PUBLIC")).body("updatedAt", nullValue());
    }
}
