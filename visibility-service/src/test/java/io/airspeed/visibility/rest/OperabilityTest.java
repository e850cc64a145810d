package io.airspeed.visibility.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class OperabilityTest {

    @Test
    void readinessIsUpWithTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Reactive PostgreSQL")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiListsEveryPath() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("visibility-service"))
                .body("paths", hasKey("/api/calls"))
                .body("paths", hasKey("/api/calls/{id}"))
                .body("paths", hasKey("/api/calls/{id}/visibility"))
                .body("paths", hasKey("/api/settings/visibility"))
                .body("paths", hasKey("/internal/orgs/{orgId}/calls/{aircallCallId}"))
                .body("paths", hasKey("/internal/orgs/{orgId}/calls/by-aircall-id/{aircallCallId}/access"));
    }

    @Test
    void metricsAreExportedForPrometheus() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void noOriginIsAllowedCrossOriginWhenNoneIsConfigured() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/calls")
                .then().header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
        given().header("Origin", "https://evil.example").get("/api/calls")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
