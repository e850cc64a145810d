package io.airspeed.users.rest;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
@TestProfile(CorsTest.FrontendOrigin.class)
class CorsTest {

    public static class FrontendOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.origins", "https://app.airspeed.test");
        }
    }

    @Test
    void allowsTheConfiguredFrontendOriginWithoutCredentials() {
        given().header("Origin", "https://app.airspeed.test")
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/users/me")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://app.airspeed.test"))
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Credentials", equalTo("false"));
    }

    @Test
    void refusesAnyOtherOrigin() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .options("/api/users/me")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
