package io.airspeed.ingest.rest;

import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class IntegrationResourceTest {

    @Test
    void connectingChecksTheKeyStoresItAndOpensAWindow() {
        TestOrg org = TestOrg.create();
        org.connect().then().statusCode(200)
                .body("status", equalTo("CONNECTED"))
                .body("connectedAt", notNullValue())
                .body("firstConnectedAt", notNullValue())
                .body("windows", hasSize(1))
                .body("windows[0].from", notNullValue())
                .body("windows[0].to", nullValue())
                .body(not(containsString(org.company.apiToken())));

        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall")
                .then().statusCode(200)
                .body("status", equalTo("CONNECTED"))
                .body(not(containsString(org.company.apiToken())));
    }

    @Test
    void wrongCredentialsAnswer422AndStoreNothing() {
        TestOrg org = TestOrg.create();
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("apiId", org.company.apiId(), "apiToken", "not-the-token"))
                .put("/api/integrations/aircall")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("rejected"))
                .body(not(containsString("not-the-token")));

        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(404);
    }

    @Test
    void reconnectingOpensANewWindowSoTheGapIsVisible() throws InterruptedException {
        TestOrg org = TestOrg.create();
        org.connect().then().statusCode(200);
        given().auth().oauth2(org.adminToken()).delete("/api/integrations/aircall").then().statusCode(204);
        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall")
                .then().statusCode(200)
                .body("status", equalTo("DISCONNECTED"))
                .body("windows[0].to", notNullValue());

        org.company.rotateCredentials(org.company.apiId(), "rotated-token");
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("apiId", org.company.apiId(), "apiToken", "rotated-token"))
                .put("/api/integrations/aircall")
                .then().statusCode(200)
                .body("status", equalTo("CONNECTED"))
                .body("windows", hasSize(2))
                .body("windows[1].to", nullValue());
    }

    @Test
    void rejectsAMissingToken() {
        TestOrg org = TestOrg.create();
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("apiId", "x"))
                .put("/api/integrations/aircall")
                .then().statusCode(400).body("errors[0].field", equalTo("apiToken"));
    }

    @Test
    void membersMayNotSeeOrChangeTheIntegration() {
        TestOrg org = TestOrg.create();
        given().auth().oauth2(org.memberToken()).get("/api/integrations/aircall").then().statusCode(403);
        given().auth().oauth2(org.memberToken()).contentType(ContentType.JSON)
                .body(Map.of("apiId", org.company.apiId(), "apiToken", org.company.apiToken()))
                .put("/api/integrations/aircall").then().statusCode(403);
        given().get("/api/integrations/aircall").then().statusCode(401);
    }
}
