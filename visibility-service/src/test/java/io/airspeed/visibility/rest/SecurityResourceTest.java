package io.airspeed.visibility.rest;

import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.TestCalls;
import io.airspeed.visibility.TestCalls.Person;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class SecurityResourceTest {

    private final UUID org = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    /** Every endpoint, called with the given request. */
    private List<Function<RequestSpecification, io.restassured.response.Response>> endpoints() {
        String call = UUID.randomUUID().toString();
        return List.of(
                r -> r.get("/api/calls"),
                r -> r.get("/api/calls/{id}", call),
                r -> r.body(Map.of("visibility", "PRIVATE")).patch("/api/calls/{id}/visibility", call),
                r -> r.get("/api/settings/visibility"),
                r -> r.body(Map.of("defaultVisibility", "PRIVATE")).put("/api/settings/visibility"),
                r -> r.body(TestCalls.callBody(user, Instant.now())).put("/internal/orgs/{org}/calls/{id}", org, 42),
                r -> r.get("/internal/orgs/{org}/calls/by-aircall-id/{id}/access?userId={u}", org, 42, user));
    }

    @Test
    void everyEndpointAnswers401WithoutAToken() {
        for (var endpoint : endpoints()) {
            endpoint.apply(given().contentType(ContentType.JSON)).then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401));
        }
    }

    @Test
    void expiredForeignOrGarbageTokensAnswer401() throws Exception {
        for (String token : List.of(DevTokens.expired(org, user), DevTokens.signedByStranger(org, user),
                "not.a.token", wrongIssuer())) {
            for (var endpoint : endpoints()) {
                endpoint.apply(given().auth().oauth2(token).contentType(ContentType.JSON)).then().statusCode(401)
                        .contentType("application/problem+json");
            }
        }
    }

    @Test
    void userTokensMayNotCallInternalEndpoints() {
        for (Person person : List.of(Person.admin(org), Person.member(org))) {
            person.request().body(TestCalls.callBody(user, Instant.now()))
                    .put("/internal/orgs/{org}/calls/{id}", org, TestCalls.nextAircallId())
                    .then().statusCode(403).contentType("application/problem+json");
        }
        Person.admin(org).request().get("/api/calls").then().body("totalItems", equalTo(0));
    }

    @Test
    void serviceTokensMayNotCallUserEndpoints() {
        TestCalls.service().get("/api/calls").then().statusCode(403).contentType("application/problem+json");
        TestCalls.service().get("/api/settings/visibility").then().statusCode(403);
    }

    @Test
    void membersMayNotCallAdminEndpoints() {
        Person.member(org).request().body(Map.of("defaultVisibility", "PRIVATE")).put("/api/settings/visibility")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aUserTokenWithoutAnOrgIsRefused() throws Exception {
        String token = Jwt.issuer(DevTokens.ISSUER).subject(user.toString()).groups(Set.of("admin"))
                .sign(KeyUtils.decodePrivateKey(Files.readString(DevTokens.devKeyDirectory().resolve("private.pem"))));
        given().auth().oauth2(token).get("/api/calls").then().statusCode(403).contentType("application/problem+json");
    }

    private String wrongIssuer() throws Exception {
        return Jwt.issuer("someone-else").subject(user.toString()).groups(Set.of("admin"))
                .claim("org_id", org.toString())
                .sign(KeyUtils.decodePrivateKey(Files.readString(DevTokens.devKeyDirectory().resolve("private.pem"))));
    }
}
