package io.airspeed.aircall.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTest {

    AircallSimulator simulator;
    SimulatedCompany other;

    @BeforeEach
    void start() {
        simulator = AircallSimulator.builder().unthrottled(true).withDemoCompany()
                .company(CompanySpec.builder("globex").name("Globex").credentials("globex-id", "globex-token")
                        .bearerToken("globex-bearer").build())
                .start();
        other = simulator.company("globex");
        other.addCall(other.newCall().startedAt(simulator.anchor().getEpochSecond() - 3600).build());
    }

    @AfterEach
    void stop() {
        simulator.stop();
    }

    private ApiClient demo() {
        return ApiClient.basic(simulator, DemoCompany.API_ID, DemoCompany.API_TOKEN);
    }

    @Test
    void answersPingPongToValidBasicCredentials() {
        HttpResponse<String> response = demo().get("/v1/ping");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ping\":\"pong\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void answers401WithExactBodyWithoutAuthorizationHeader() {
        HttpResponse<String> response = ApiClient.anonymous(simulator).get("/v1/calls");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(simulator.counters().unauthorized()).isEqualTo(1);
    }

    @Test
    void answers403WithExactBodyForWrongCredentials() {
        HttpResponse<String> wrongToken = ApiClient.basic(simulator, DemoCompany.API_ID, "nope").get("/v1/ping");
        HttpResponse<String> wrongBearer = ApiClient.bearer(simulator, "nope").get("/v1/ping");
        HttpResponse<String> garbage = ApiClient.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1/ping"))
                .header("Authorization", "Basic !!!not-base64").build());

        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(wrongToken.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(wrongBearer.statusCode()).isEqualTo(403);
        assertThat(garbage.statusCode()).isEqualTo(403);
        assertThat(simulator.counters().forbidden()).isEqualTo(3);
    }

    @Test
    void acceptsBearerTokens() {
        HttpResponse<String> response = ApiClient.bearer(simulator, "globex-bearer").get("/v1/calls");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ApiClient.parse(response.body()).get("meta").get("total").asInt()).isEqualTo(1);
    }

    @Test
    void keepsCompaniesApart() {
        JsonNode demoCalls = demo().getJson("/v1/calls?per_page=50");
        JsonNode globexCalls = ApiClient.basic(simulator, "globex-id", "globex-token").getJson("/v1/calls?per_page=50");
        Set<Long> demoIds = new HashSet<>();
        demoCalls.get("calls").forEach(c -> demoIds.add(c.get("id").asLong()));
        long globexId = globexCalls.get("calls").get(0).get("id").asLong();

        assertThat(demoIds).hasSize(DemoCompany.scenarios().size()).doesNotContain(globexId);
        assertThat(globexCalls.get("meta").get("total").asInt()).isEqualTo(1);
        assertThat(ApiClient.basic(simulator, "globex-id", "globex-token")
                .get("/v1/calls/" + DemoCompany.callId(DemoCompany.IMPORTED_NORMAL)).statusCode()).isEqualTo(404);
    }

    @Test
    void rotatedCredentialsReplaceTheOldOnes() {
        simulator.demo().rotateCredentials("demo-api-id-2", "demo-api-token-2");

        assertThat(demo().get("/v1/ping").statusCode()).isEqualTo(403);
        assertThat(ApiClient.basic(simulator, "demo-api-id-2", "demo-api-token-2").get("/v1/ping").statusCode())
                .isEqualTo(200);
    }

    @Test
    void rotatesCredentialsThroughTheControlApi() {
        HttpResponse<String> rotated = ApiClient.control(simulator, "POST",
                "/_simulator/companies/" + DemoCompany.ID + "/credentials/rotate",
                "{\"api_id\":\"new-id\",\"api_token\":\"new-token\"}");

        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(ApiClient.parse(rotated.body()).get("api_id").asText()).isEqualTo("new-id");
        assertThat(demo().get("/v1/ping").statusCode()).isEqualTo(403);
        assertThat(ApiClient.basic(simulator, "new-id", "new-token").get("/v1/ping").statusCode()).isEqualTo(200);
    }

    @Test
    void revokedCredentialsAnswer403() {
        simulator.company("globex").revokeCredentials();

        assertThat(ApiClient.basic(simulator, "globex-id", "globex-token").get("/v1/ping").statusCode()).isEqualTo(403);
        assertThat(ApiClient.bearer(simulator, "globex-bearer").get("/v1/ping").statusCode()).isEqualTo(403);
        assertThat(demo().get("/v1/ping").statusCode()).isEqualTo(200);
    }

    @Test
    void revokesCredentialsAndBearerTokensThroughTheControlApi() {
        ApiClient.control(simulator, "POST", "/_simulator/companies/" + DemoCompany.ID + "/bearer-tokens",
                "{\"token\":\"partner-token\"}");
        assertThat(ApiClient.bearer(simulator, "partner-token").get("/v1/ping").statusCode()).isEqualTo(200);

        ApiClient.control(simulator, "DELETE",
                "/_simulator/companies/" + DemoCompany.ID + "/bearer-tokens/partner-token", null);
        assertThat(ApiClient.bearer(simulator, "partner-token").get("/v1/ping").statusCode()).isEqualTo(403);

        HttpResponse<String> revoked = ApiClient.control(simulator, "POST",
                "/_simulator/companies/" + DemoCompany.ID + "/credentials/revoke", null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(demo().get("/v1/ping").statusCode()).isEqualTo(403);
    }

    @Test
    void refusesCredentialsThatAnotherCompanyAlreadyUses() {
        HttpResponse<String> clash = ApiClient.control(simulator, "POST",
                "/_simulator/companies/globex/credentials/rotate",
                "{\"api_id\":\"" + DemoCompany.API_ID + "\",\"api_token\":\"" + DemoCompany.API_TOKEN + "\"}");

        assertThat(clash.statusCode()).isEqualTo(409);
        assertThat(demo().get("/v1/ping").statusCode()).isEqualTo(200);
        assertThat(ApiClient.basic(simulator, "globex-id", "globex-token").get("/v1/ping").statusCode()).isEqualTo(200);
    }

    @Test
    void addedCallBelongsOnlyToItsCompany() {
        SimulatedCall call = other.call(other.calls().get(0).id());

        assertThat(simulator.demo().call(call.id())).isNull();
        assertThat(demo().get("/v1/calls/" + call.id()).statusCode()).isEqualTo(404);
    }
}
