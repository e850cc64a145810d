package io.airspeed.users.rest;

import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** Bad or hostile input answers a 4xx problem quickly and never a 500. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class HostileInputTest {

    /** 64,000 characters on which the former email pattern backtracked for tens of seconds. */
    private static final String PATHOLOGICAL_EMAIL = "a@" + "b.".repeat(31_999) + "@";

    @TestHTTPResource("/api/users")
    URI usersUrl;

    @Test
    void aPathologicalEmailAnswers400InMilliseconds() {
        TestOrg org = TestOrg.create();
        UUID dave = org.createUser("dave@acme.com", "MEMBER", "RECORDING");

        // The time bound only guards that the pathological case is gone (it took seconds); it is
        // generous so that a busy build machine does not make it flaky.
        assertQuick400(() -> given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", PATHOLOGICAL_EMAIL, "name", "Dave", "role", "MEMBER", "seat", "RECORDING"))
                .post("/api/users"), "email");
        assertQuick400(() -> given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", PATHOLOGICAL_EMAIL))
                .patch("/api/users/" + dave), "email");
        assertQuick400(() -> given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("kind", "EMAIL", "value", PATHOLOGICAL_EMAIL))
                .post("/api/users/" + dave + "/aircall-identities"), "value");
        assertQuick400(() -> given().auth().oauth2(DevTokens.service()).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme", "admin", Map.of("email", PATHOLOGICAL_EMAIL, "name", "Ada")))
                .post("/internal/orgs"), "admin.email");
    }

    private static void assertQuick400(Callable<Response> request, String field) {
        long started = System.nanoTime();
        Response response;
        try {
            response = request.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        response.then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
        assertThat(millis).as("answered in %d ms", millis).isLessThan(1_000);
    }

    @Test
    void aBodyOverOneMebibyteOnTheApiAnswers413Problem() {
        TestOrg org = TestOrg.create();
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "big@acme.com", "name", "x".repeat(1_100_000), "role", "MEMBER", "seat", "VIEWER"))
                .post("/api/users")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("title", equalTo("Payload Too Large"))
                .body("instance", equalTo("/api/users"));
        given().auth().oauth2(org.adminToken()).get("/api/users").then().statusCode(200).body("totalItems", equalTo(1));
    }

    @Test
    void theInternalApiReadsBodiesUpToEightMebibytesAndRefusesLarger() {
        // 2 MiB: over the /api cap, under the /internal one, so it reaches validation.
        given().auth().oauth2(DevTokens.service()).contentType(ContentType.JSON)
                .body(Map.of("name", "x".repeat(2_000_000)))
                .post("/internal/orgs")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        given().auth().oauth2(DevTokens.service()).contentType(ContentType.JSON)
                .body(Map.of("name", "x".repeat(8_500_000)))
                .post("/internal/orgs")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void aChunkedBodyOverTheCapIsRefusedWhileRead() throws Exception {
        TestOrg org = TestOrg.create();
        byte[] body = ("{\"email\":\"chunk@acme.com\",\"name\":\"" + "x".repeat(2_000_000)
                + "\",\"role\":\"MEMBER\",\"seat\":\"VIEWER\"}").getBytes(StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // An input stream of unknown length goes out chunked, without a Content-Length.
        HttpRequest request = HttpRequest.newBuilder(usersUrl)
                .header("Authorization", "Bearer " + org.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException closedWhileSending) {
            // The server answered 413 and closed the connection before the client had sent it all.
            status = 413;
        }
        assertThat(status).isEqualTo(413);
    }

    @Test
    void aHugePageAnswers400NamingThePage() {
        TestOrg org = TestOrg.create();
        for (String query : List.of("page=20000000", "page=20000000&size=200", "page=" + 10_737_419)) {
            given().auth().oauth2(org.adminToken()).get("/api/users?" + query)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("page"))
                    .body("detail", containsString("from 0 to 10737418"));
        }
        given().auth().oauth2(org.adminToken()).get("/api/users?size=200&page=10737418")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void concurrentUnlinksOfOneIdentityNeverAnswer500() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestOrg org = TestOrg.create();
            UUID dave = org.createUser("dave-" + round + "@acme.com", "MEMBER", "RECORDING");
            String identity = given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("kind", "EMAIL", "value", "alias-" + round + "@acme.com"))
                    .post("/api/users/" + dave + "/aircall-identities")
                    .then().statusCode(201).extract().path("id");
            List<Integer> statuses = inParallel(8, () -> given().auth().oauth2(org.adminToken())
                    .delete("/api/users/" + dave + "/aircall-identities/" + identity).statusCode());
            assertThat(statuses).containsAnyOf(204).allMatch(s -> s == 204 || s == 404 || s == 409);
            given().auth().oauth2(org.adminToken()).get("/api/users/" + dave)
                    .then().statusCode(200).body("aircallIdentities.id", not(hasItem(identity)));
        }
    }

    @Test
    void aServerErrorAnswersAFixedTextWithAReferenceAndNoInternalDetail() {
        for (String failure : List.of("unexpected", "unavailable")) {
            Response response = given().auth().oauth2(DevTokens.admin(UUID.randomUUID(), UUID.randomUUID(), "admin@acme.test")).get("/api/test-only/failures/" + failure);
            response.then().statusCode(failure.equals("unexpected") ? 500 : 503)
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
