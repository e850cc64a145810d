package io.airspeed.ingest.rest;

import io.airspeed.ingest.security.ServiceTokens;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.DevTokens.Forged;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, item 1: user tokens and service tokens come from two issuers with two keys, and each
 * is accepted only where it belongs; ingest-service signs its own service tokens with the service
 * key, which verifies no user token. The forged tokens are test-support's one definition
 * ({@link DevTokens#forged}). ingest-service serves no /internal/** endpoint; the trigger and the
 * run view are where a service token belongs here.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class TokenIssuersTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID ADMIN = UUID.randomUUID();

    @Inject
    ServiceTokens serviceTokens;

    static Stream<Arguments> forgedOnEveryKindOfEndpoint() {
        return DevTokens.forged(ORG, ADMIN).stream().flatMap(forged -> Stream.of(
                Arguments.of(forged, "GET", "/api/ingestion/decisions"),
                Arguments.of(forged, "GET", "/api/integrations/aircall"),
                Arguments.of(forged, "POST", "/api/ingestion/runs"),
                Arguments.of(forged, "GET", "/api/ingestion/runs/" + UUID.randomUUID())));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("forgedOnEveryKindOfEndpoint")
    void forgedTokensAreRefused(Forged forged, String method, String path) {
        given().auth().oauth2(forged.token()).request(method, path)
                .then().statusCode(forged.status()).contentType("application/problem+json");
    }

    @Test
    void theServiceIssuersTokenReachesTheRunEndpoints() {
        given().auth().oauth2(DevTokens.service()).get("/api/ingestion/runs/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theUserIssuersTokensReachUserEndpoints() {
        String admin = DevTokens.admin(ORG, ADMIN, "admin@example.com");
        given().auth().oauth2(admin).get("/api/ingestion/decisions").then().statusCode(200);
        given().auth().oauth2(admin).get("/api/ingestion/runs/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aServiceTokenNeverReachesUserOnlyEndpoints() {
        given().auth().oauth2(DevTokens.service()).get("/api/ingestion/decisions").then().statusCode(403);
        given().auth().oauth2(DevTokens.service()).get("/api/integrations/aircall").then().statusCode(403);
        given().auth().oauth2(DevTokens.service()).get("/api/backfills/" + UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    void ingestSignsItsServiceTokenWithTheServiceKeyAndNotTheUserKey() throws Exception {
        String[] jwt = serviceTokens.bearer().substring("Bearer ".length()).split("\\.");
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
        assertThat(claims.getString("iss")).isEqualTo(DevTokens.SERVICE_ISSUER);
        assertThat(claims.getValue("aud").toString()).contains(DevTokens.SERVICE_AUDIENCE);
        assertThat(claims.getJsonArray("groups").getList()).containsExactly("service");
        assertThat(claims.containsKey("org_id")).isFalse();
        Path root = DevTokens.devKeyDirectory().getParent().getParent();
        assertThat(verifies(jwt, root.resolve("dev/service-jwt/public.pem"))).isTrue();
        assertThat(verifies(jwt, root.resolve("dev/jwt/public.pem"))).isFalse();
    }

    private static boolean verifies(String[] jwt, Path publicPem) throws Exception {
        String base64 = Files.readString(publicPem).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(jwt[2]));
    }
}
