package io.airspeed.ingest.rest;

import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresServer;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class SecretsAndSecurityTest {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append(' ').append(t);
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void theAircallTokenAppearsInNoAnswerNoLogLineAndNotInTheDatabase() throws Exception {
        TestOrg org = TestOrg.create();
        String token = org.company.apiToken();
        String apiId = org.company.apiId();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(9101, "dave@acme.test");
        org.call(dave, Instant.now().minus(Duration.ofHours(3)), 120);

        String wrong = "wrong-" + UUID.randomUUID();
        String badAnswer = given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("apiId", org.company.apiId(), "apiToken", wrong)).put("/api/integrations/aircall")
                .then().statusCode(422).extract().asString();
        String goodAnswer = org.connect().then().statusCode(200).extract().asString();
        org.connectedSince(Instant.now().minus(Duration.ofDays(1)));
        String runAnswer = org.runAndWait().then().statusCode(200).extract().asString();
        org.company.revokeCredentials();
        String failedRun = org.runAndWait().then().statusCode(502).extract().asString();
        String state = given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(200).extract().asString();

        assertThat(List.of(badAnswer, goodAnswer, runAnswer, failedRun, state))
                .allSatisfy(answer -> assertThat(answer).doesNotContain(token).doesNotContain(wrong));
        assertThat(logged).isNotEmpty();
        assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain(token).doesNotContain(wrong));

        PostgresServer server = PostgresServer.shared();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(TestOrg.DATABASE), server.user(), server.password());
             ResultSet row = connection.createStatement().executeQuery(
                     "select api_id_cipher, api_token_cipher from ingest.integrations where org_id = '" + org.orgId + "'")) {
            assertThat(row.next()).isTrue();
            String stored = new String(row.getBytes(1), StandardCharsets.ISO_8859_1) + new String(row.getBytes(2), StandardCharsets.ISO_8859_1);
            assertThat(stored).doesNotContain(token).doesNotContain(apiId);
        }
    }

    @Test
    void everyEndpointNeedsAToken() {
        for (String[] endpoint : new String[][] {{"GET", "/api/integrations/aircall"}, {"PUT", "/api/integrations/aircall"},
                {"DELETE", "/api/integrations/aircall"}, {"POST", "/api/ingestion/runs"},
                {"GET", "/api/ingestion/runs/" + UUID.randomUUID()}, {"GET", "/api/ingestion/decisions"},
                {"POST", "/api/backfills"}, {"GET", "/api/backfills/" + UUID.randomUUID()}}) {
            given().contentType(ContentType.JSON).body("{}").request(endpoint[0], endpoint[1])
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void serviceTokensCannotUseAdminEndpointsAndMembersCannotUseAny() {
        TestOrg org = TestOrg.create();
        String member = org.memberToken();
        for (String[] endpoint : new String[][] {{"GET", "/api/integrations/aircall"}, {"DELETE", "/api/integrations/aircall"},
                {"POST", "/api/ingestion/runs"}, {"GET", "/api/ingestion/decisions"}, {"GET", "/api/backfills/" + UUID.randomUUID()}}) {
            given().auth().oauth2(member).request(endpoint[0], endpoint[1]).then().statusCode(403);
        }
        given().auth().oauth2(DevTokens.service()).get("/api/ingestion/decisions").then().statusCode(403);
        given().auth().oauth2(DevTokens.service()).get("/api/integrations/aircall").then().statusCode(403);
    }

    @Test
    void theOrgComesFromTheTokenOnly() {
        TestOrg org = TestOrg.create();
        org.connect().then().statusCode(200);
        TestOrg other = TestOrg.create();
        given().auth().oauth2(other.adminToken()).get("/api/integrations/aircall").then().statusCode(404);
        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(200)
                .body("status", equalTo("CONNECTED"));
    }
}
