package io.airspeed.users.rest;

import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.DevTokens.Forged;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 10, item 1: user tokens and service tokens come from two issuers with two keys, and each
 * is accepted only where it belongs. The forged tokens are test-support's one definition
 * ({@link DevTokens#forged}), refused on a user endpoint, an admin endpoint and an internal one.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class TokenIssuersTest {

    private static TestOrg org;

    /** Created on first use: the application (and its port) is up only once the tests run. */
    private static synchronized TestOrg org() {
        if (org == null) {
            org = TestOrg.create();
        }
        return org;
    }

    /** Made-up ids: a refused token must be refused before any data is looked at. */
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID ADMIN = UUID.randomUUID();

    static Stream<Arguments> forgedOnEveryKindOfEndpoint() {
        return DevTokens.forged(ORG, ADMIN).stream().flatMap(forged -> Stream.of(
                Arguments.of(forged, "GET", "/api/users/me"),
                Arguments.of(forged, "GET", "/api/users"),
                Arguments.of(forged, "GET", "/internal/orgs/" + ORG + "/roster")));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("forgedOnEveryKindOfEndpoint")
    void forgedTokensAreRefused(Forged forged, String method, String path) {
        given().auth().oauth2(forged.token()).request(method, path)
                .then().statusCode(forged.status()).contentType("application/problem+json");
    }

    @Test
    void theServiceIssuersTokenReachesInternalEndpoints() {
        given().auth().oauth2(DevTokens.service()).get("/internal/orgs/" + org().orgId() + "/roster")
                .then().statusCode(200).body("users.size()", equalTo(1));
        given().auth().oauth2(DevTokens.service()).contentType(ContentType.JSON).body(Map.of("name", "Bootstrapped"))
                .post("/internal/orgs").then().statusCode(201);
    }

    @Test
    void theUserIssuersTokensReachUserEndpoints() {
        given().auth().oauth2(org().adminToken()).get("/api/users/me").then().statusCode(200)
                .body("id", equalTo(org().adminId().toString()));
        given().auth().oauth2(org().adminToken()).get("/api/users").then().statusCode(200);
    }

    @Test
    void aUserTokenNeverReachesInternalEndpoints() {
        given().auth().oauth2(org().adminToken()).get("/internal/orgs/" + org().orgId() + "/roster")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(org().adminToken()).contentType(ContentType.JSON).body(Map.of("name", "Sneaky"))
                .post("/internal/orgs").then().statusCode(403);
    }

    @Test
    void aServiceTokenNeverReachesUserEndpoints() {
        given().auth().oauth2(DevTokens.service()).get("/api/users/me").then().statusCode(403);
        given().auth().oauth2(DevTokens.service()).get("/api/users/" + UUID.randomUUID()).then().statusCode(403);
    }
}
