package io.airspeed.ingest.rest;

import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Bad, hostile or concurrent input answers a 4xx problem and never a 500 or internal details. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class HostileInputTest {

    /** Disconnected after each test so that later test classes' schedules do not run them. */
    private final List<TestOrg> orgs = new ArrayList<>();

    @AfterEach
    void disconnectOrgs() {
        orgs.forEach(org -> given().auth().oauth2(org.adminToken()).delete("/api/integrations/aircall"));
    }

    private TestOrg newOrg() {
        TestOrg org = TestOrg.create();
        orgs.add(org);
        return org;
    }

    @Test
    void concurrentFirstConnectsAnswer409NotServerErrorAndLeaveOneConnection() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestOrg org = newOrg();
            List<Integer> statuses = inParallel(8, () -> org.connect().statusCode());

            assertThat(statuses).contains(200).allMatch(s -> s == 200 || s == 409);
            JsonPath state = given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall")
                    .then().statusCode(200).body("status", equalTo("CONNECTED")).extract().jsonPath();
            List<Object> openWindows = state.getList("windows.findAll { it.to == null }");
            assertThat(openWindows).hasSize(1);
            // Every answer that said 200 opened a window; the 409s opened none.
            assertThat(state.getList("windows")).hasSize((int) statuses.stream().filter(s -> s == 200).count());
        }
    }

    @Test
    void aHugePageOfTheDecisionLogAnswers400NamingThePage() {
        TestOrg org = newOrg();
        org.connect().then().statusCode(200);
        // Past the largest page number an int offset holds, and (since pages by cursor) past the first 10,000 decisions.
        for (String query : List.of("page=20000000", "page=20000000&size=200", "page=" + 10_737_419,
                "size=200&page=10737418", "size=200&page=50")) {
            given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?" + query)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("page"));
        }
        given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?size=200&page=49")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aBodyOverOneMebibyteOnTheApiAnswers413Problem() {
        TestOrg org = newOrg();
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("apiId", org.company.apiId(), "apiToken", "x".repeat(1_100_000)))
                .put("/api/integrations/aircall")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("instance", equalTo("/api/integrations/aircall"));
        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(404);
    }

    @Test
    void aircallFailingOnConnectAnswers502WithoutItsDetails() {
        TestOrg org = newOrg();
        org.company.faults().failNextWithServerError(50);
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("apiId", org.company.apiId(), "apiToken", org.company.apiToken()))
                .put("/api/integrations/aircall")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("reference"))
                .body("detail", not(containsString("HTTP")))
                .body("detail", not(containsString("failed")));
    }

    @Test
    void aServerErrorAnswersAFixedTextWithAReferenceAndNoInternalDetail() {
        for (String failure : List.of("unexpected", "unavailable")) {
            given().auth().oauth2(DevTokens.admin(UUID.randomUUID(), UUID.randomUUID(), "admin@acme.test")).get("/api/test-only/failures/" + failure)
                    .then().statusCode(failure.equals("unexpected") ? 500 : 503)
                    .contentType("application/problem+json")
                    .body("detail", containsString("reference"))
                    .body(not(containsString("db-7")))
                    .body(not(containsString("5432")));
        }
    }

    static List<Integer> inParallel(int n, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
