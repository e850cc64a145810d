package io.airspeed.visibility.rest;

import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.TestCalls;
import io.airspeed.visibility.TestCalls.Person;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
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
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class HostileInputTest {

    @Test
    void aBodyOverOneMebibyteOnTheApiAnswers413Problem() {
        UUID org = UUID.randomUUID();
        Person owner = Person.member(org);
        String call = TestCalls.importCall(org, owner.userId(), Instant.parse("2025-03-01T10:00:00Z"));
        owner.request().body(Map.of("visibility", "PRIVATE", "padding", "x".repeat(1_100_000)))
                .patch("/api/calls/{id}/visibility", call)
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("instance", equalTo("/api/calls/" + call + "/visibility"));
        owner.request().get("/api/calls/{id}", call).then().statusCode(200).body("visibility", equalTo("PUBLIC"));
    }

    @Test
    void theInternalApiReadsBodiesUpToEightMebibytesAndRefusesLarger() {
        UUID org = UUID.randomUUID();
        Map<String, Object> body = new java.util.HashMap<>(TestCalls.callBody(UUID.randomUUID(), Instant.parse("2025-03-01T10:00:00Z")));
        body.put("externalNumber", "1".repeat(2_000_000));
        // 2 MiB: over the /api cap, under the /internal one, so it reaches validation.
        TestCalls.put(org, TestCalls.nextAircallId(), body).statusCode(400).body("errors.field", hasItem("externalNumber"));
        body.put("externalNumber", "1".repeat(8_500_000));
        TestCalls.put(org, TestCalls.nextAircallId(), body).statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void aHugePageAnswers400NamingThePage() {
        Person admin = Person.admin(UUID.randomUUID());
        for (String query : List.of("page=20000000", "page=20000000&size=200")) {
            admin.request().get("/api/calls?" + query)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("page"));
        }
    }

    @Test
    void concurrentVisibilityChangesAnswer200Or409AndTheLastWriterWins() throws Exception {
        UUID org = UUID.randomUUID();
        Person owner = Person.member(org);
        Person admin = Person.admin(org);
        String call = TestCalls.importCall(org, owner.userId(), Instant.parse("2025-03-02T10:00:00Z"));
        List<Integer> statuses = inParallel(8, i -> (i % 2 == 0 ? owner : admin).request()
                .body(Map.of("visibility", i % 2 == 0 ? "PRIVATE" : "PUBLIC"))
                .patch("/api/calls/{id}/visibility", call).statusCode());
        assertThat(statuses).contains(200).allMatch(s -> s == 200 || s == 409);
        String finalVisibility = admin.request().get("/api/calls/{id}", call).then().statusCode(200)
                .extract().path("visibility");
        assertThat(finalVisibility).isIn("PUBLIC", "PRIVATE");
    }

    @Test
    void concurrentFirstSettingsOfTheDefaultVisibilityNeverAnswer500() throws Exception {
        for (int round = 0; round < 3; round++) {
            Person admin = Person.admin(UUID.randomUUID());
            List<Integer> statuses = inParallel(8, i -> admin.request()
                    .body(Map.of("defaultVisibility", i % 2 == 0 ? "PRIVATE" : "PUBLIC"))
                    .put("/api/settings/visibility").statusCode());
            assertThat(statuses).contains(200).allMatch(s -> s == 200 || s == 409);
        }
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

    interface Attempt {
        int call(int index) throws Exception;
    }

    static List<Integer> inParallel(int n, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Integer> call = () -> attempt.call(index);
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
