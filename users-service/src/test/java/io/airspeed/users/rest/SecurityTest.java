package io.airspeed.users.rest;

import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Every endpoint: 401 without a valid token, 403 for the wrong kind of caller, 404 across orgs. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class SecurityTest {

    private static final Map<String, Object> USER_BODY =
            Map.of("email", "x@acme.com", "name", "X", "role", "MEMBER", "seat", "RECORDING");

    record Endpoint(String method, String path, Map<String, Object> body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> apiEndpoints() {
        String user = UUID.randomUUID().toString();
        return List.of(
                new Endpoint("GET", "/api/users/me", null),
                new Endpoint("GET", "/api/users", null),
                new Endpoint("POST", "/api/users", USER_BODY),
                new Endpoint("GET", "/api/users/" + user, null),
                new Endpoint("PATCH", "/api/users/" + user, Map.of("seat", "NONE")),
                new Endpoint("DELETE", "/api/users/" + user, null),
                new Endpoint("POST", "/api/users/" + user + "/aircall-identities", Map.of("kind", "EMAIL", "value", "a@b.co")),
                new Endpoint("DELETE", "/api/users/" + user + "/aircall-identities/" + UUID.randomUUID(), null));
    }

    static List<Endpoint> adminEndpoints() {
        return apiEndpoints().stream().filter(e -> !e.path().endsWith("/me")).toList();
    }

    static List<Endpoint> internalEndpoints() {
        return List.of(
                new Endpoint("POST", "/internal/orgs", Map.of("name", "Org")),
                new Endpoint("GET", "/internal/orgs/" + UUID.randomUUID(), null),
                new Endpoint("GET", "/internal/orgs/" + UUID.randomUUID() + "/roster", null));
    }

    static List<Endpoint> allEndpoints() {
        return java.util.stream.Stream.concat(apiEndpoints().stream(), internalEndpoints().stream()).toList();
    }

    private TestOrg org;

    @BeforeEach
    void createOrg() {
        org = TestOrg.create();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allEndpoints")
    void answers401WithoutToken(Endpoint endpoint) {
        call(given(), endpoint).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allEndpoints")
    void answers401WithATokenSignedByAnotherKey(Endpoint endpoint) throws GeneralSecurityException {
        call(given().auth().oauth2(DevTokens.signedByStranger(org.orgId(), org.adminId())), endpoint)
                .then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allEndpoints")
    void answers401WithAnExpiredToken(Endpoint endpoint) {
        call(given().auth().oauth2(DevTokens.expired(org.orgId(), org.adminId())), endpoint)
                .then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminEndpoints")
    void answers403ToAMemberOnAdminEndpoints(Endpoint endpoint) {
        UUID member = org.createUser("member-" + UUID.randomUUID() + "@acme.com", "MEMBER", "RECORDING");
        call(given().auth().oauth2(org.memberToken(member)), endpoint)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("internalEndpoints")
    void answers403ToUserTokensOnInternalEndpoints(Endpoint endpoint) {
        call(given().auth().oauth2(org.adminToken()), endpoint).then().statusCode(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiEndpoints")
    void answers403ToAServiceTokenOnUserEndpoints(Endpoint endpoint) {
        call(given().auth().oauth2(DevTokens.service()), endpoint).then().statusCode(403);
    }

    @Test
    void anotherOrgsUserIdAnswers404OnEveryUserEndpoint() {
        TestOrg other = TestOrg.create();
        UUID stranger = other.createUser("stranger@other.com", "MEMBER", "RECORDING");
        String identity = given().auth().oauth2(other.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("kind", "EMAIL", "value", "alias@other.com"))
                .post("/api/users/" + stranger + "/aircall-identities").then().statusCode(201).extract().path("id");
        String admin = org.adminToken();

        given().auth().oauth2(admin).get("/api/users/" + stranger).then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("seat", "NONE"))
                .patch("/api/users/" + stranger).then().statusCode(404);
        given().auth().oauth2(admin).delete("/api/users/" + stranger).then().statusCode(404);
        given().auth().oauth2(admin).delete("/api/users/" + stranger + "/aircall-identities/" + identity)
                .then().statusCode(404);

        given().auth().oauth2(other.adminToken()).get("/api/users/" + stranger)
                .then().statusCode(200).body("active", equalTo(true)).body("seat", equalTo("RECORDING"))
                .body("aircallIdentities.size()", equalTo(1));
    }

    @Test
    void aTokenWithoutOrgIsRefusedOnUserEndpoints() {
        String noOrg = io.smallrye.jwt.build.Jwt.issuer(DevTokens.ISSUER).subject(org.adminId().toString())
                .groups(java.util.Set.of("admin")).sign(privateKeyPath());
        given().auth().oauth2(noOrg).get("/api/users").then().statusCode(403)
                .body("detail", equalTo("The token carries no org_id claim"));
    }

    private static String privateKeyPath() {
        return DevTokens.devKeyDirectory().resolve("private.pem").toString();
    }

    private static io.restassured.response.Response call(RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            request = request.contentType(ContentType.JSON).body(endpoint.body());
        }
        return request.request(endpoint.method(), endpoint.path());
    }
}
