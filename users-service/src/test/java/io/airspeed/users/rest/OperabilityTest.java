package io.airspeed.users.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class OperabilityTest {

    @Test
    void healthProbesAreUpAndReadinessChecksTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void openApiDescribesTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("users-service"))
                .body("paths.keySet()", hasItem("/api/users"))
                .body("paths.keySet()", hasItem("/api/users/{id}"))
                .body("paths.keySet()", hasItem("/api/users/{userId}/aircall-identities"))
                .body("paths.keySet()", hasItem("/internal/orgs/{orgId}/roster"))
                .body("components.securitySchemes.jwt.scheme", equalTo("bearer"));
    }

    @Test
    void prometheusMetricsAreExported() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void corsAllowsNoForeignOriginByDefault() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .options("/api/users/me")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
