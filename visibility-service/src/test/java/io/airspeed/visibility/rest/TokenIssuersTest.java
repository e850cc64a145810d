package io.airspeed.visibility.rest;

import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.DevTokens.Forged;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.TestCalls;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 10, item 1: user tokens and service tokens come from two issuers with two keys, and each
 * is accepted only where it belongs. The forged tokens are test-support's one definition
 * ({@link DevTokens#forged}), refused on a user endpoint, an admin endpoint and both internal ones.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class TokenIssuersTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID ADMIN = UUID.randomUUID();

    static Stream<Arguments> forgedOnEveryKindOfEndpoint() {
        return DevTokens.forged(ORG, ADMIN).stream().flatMap(forged -> Stream.of(
                Arguments.of(forged, "GET", "/api/calls"),
                Arguments.of(forged, "GET", "/api/settings/visibility"),
                Arguments.of(forged, "GET", "/internal/orgs/" + ORG + "/calls/by-aircall-id/42/access?userId=" + ADMIN),
                Arguments.of(forged, "PUT", "/internal/orgs/" + ORG + "/calls/" + TestCalls.nextAircallId())));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("forgedOnEveryKindOfEndpoint")
    void forgedTokensAreRefused(Forged forged, String method, String path) {
        given().auth().oauth2(forged.token()).contentType(ContentType.JSON).body(TestCalls.callBody(ADMIN, Instant.now()))
                .request(method, path)
                .then().statusCode(forged.status()).contentType("application/problem+json");
    }

    @Test
    void theServiceIssuersTokenReachesInternalEndpoints() {
        long aircallId = TestCalls.nextAircallId();
        given().auth().oauth2(DevTokens.service()).contentType(ContentType.JSON).body(TestCalls.callBody(ADMIN, Instant.now()))
                .put("/internal/orgs/{org}/calls/{id}", ORG, aircallId).then().statusCode(201);
        given().auth().oauth2(DevTokens.service())
                .get("/internal/orgs/{org}/calls/by-aircall-id/{id}/access?userId={u}", ORG, aircallId, ADMIN)
                .then().statusCode(200).body("exists", equalTo(true));
    }

    @Test
    void theUserIssuersTokensReachUserEndpoints() {
        String admin = DevTokens.admin(ORG, ADMIN, "admin@example.com");
        given().auth().oauth2(admin).get("/api/calls").then().statusCode(200);
        given().auth().oauth2(admin).get("/api/settings/visibility").then().statusCode(200);
    }

    @Test
    void aUserTokenNeverReachesInternalEndpoints() {
        String admin = DevTokens.admin(ORG, ADMIN, "admin@example.com");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(TestCalls.callBody(ADMIN, Instant.now()))
                .put("/internal/orgs/{org}/calls/{id}", ORG, TestCalls.nextAircallId())
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/internal/orgs/{org}/calls/by-aircall-id/42/access?userId={u}", ORG, ADMIN)
                .then().statusCode(403);
    }

    @Test
    void aServiceTokenNeverReachesUserEndpoints() {
        given().auth().oauth2(DevTokens.service()).get("/api/calls").then().statusCode(403);
        given().auth().oauth2(DevTokens.service()).get("/api/settings/visibility").then().statusCode(403);
    }
}
