package io.airspeed.ingest.rest;

import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class OperabilityTest {

    @Test
    void healthProbesAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiListsTheStablePaths() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("ingest-service"))
                .body("paths.keySet()", hasItem("/api/integrations/aircall"))
                .body("paths.keySet()", hasItem("/api/ingestion/runs"))
                .body("paths.keySet()", hasItem("/api/ingestion/runs/{id}"))
                .body("paths.keySet()", hasItem("/api/ingestion/decisions"))
                .body("paths.keySet()", hasItem("/api/backfills"))
                .body("paths.keySet()", hasItem("/api/backfills/{id}"))
                .body("paths.'/api/ingestion/runs'.keySet()", hasItem("post"));
    }

    @Test
    void decisionAndRunMetricsAreExported() {
        TestOrg org = TestOrg.create();
        org.aircallUser(9201, "nobody@acme.test");
        org.call(org.company.users().all().get(0), java.time.Instant.now().minusSeconds(3600), 30);
        org.connect().then().statusCode(200);
        org.connectedSince(java.time.Instant.now().minusSeconds(86400));
        org.runAndWait().then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ingest_decisions_total{"))
                .body(containsString("reason=\"SKIPPED_TOO_SHORT\""))
                .body(containsString("ingest_run_duration_seconds_count{"))
                .body(containsString("ingest_aircall_responses_total{result=\"ok\"}"));
    }
}
