package io.airspeed.aircall.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ControlApiTest {

    AircallSimulator simulator;

    @BeforeEach
    void start() {
        simulator = AircallSimulator.builder().unthrottled(true).withDemoCompany().start();
    }

    @AfterEach
    void stop() {
        simulator.stop();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ApiClient.parse(response.body());
    }

    @Test
    void addsACompanyWithItsOwnCredentialsUsersAndCalls() {
        HttpResponse<String> created = ApiClient.control(simulator, "POST", "/_simulator/companies",
                "{\"id\":\"initech\",\"name\":\"Initech\",\"api_id\":\"ini-id\",\"api_token\":\"ini-token\","
                        + "\"rate_limit\":{\"requests\":120,\"window_seconds\":60}}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("rate_limit").get("requests").asInt()).isEqualTo(120);

        assertThat(ApiClient.control(simulator, "POST", "/_simulator/companies/initech/users",
                "{\"id\":77,\"name\":\"Peter\",\"email\":\"peter@initech.test\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> call = ApiClient.control(simulator, "POST", "/_simulator/companies/initech/calls",
                "{\"id\":4242,\"direction\":\"inbound\",\"started_at\":1767225600,\"answered_at\":1767225605,"
                        + "\"duration\":300,\"user_id\":77,\"recording\":true,\"tags\":[\"vip\"]}");
        assertThat(call.statusCode()).isEqualTo(201);

        JsonNode fetched = ApiClient.basic(simulator, "ini-id", "ini-token").getJson("/v1/calls/4242").get("call");
        assertThat(fetched.get("duration").asLong()).isEqualTo(300);
        assertThat(fetched.get("user").get("email").asText()).isEqualTo("peter@initech.test");
        assertThat(fetched.get("recording").asText()).contains("/recordings/4242.mp3");
        assertThat(fetched.get("tags").get(0).get("name").asText()).isEqualTo("vip");
        assertThat(simulator.company("initech").rateLimit().requests()).isEqualTo(120);
    }

    @Test
    void addsALoadCompany() {
        HttpResponse<String> created = ApiClient.control(simulator, "POST", "/_simulator/companies",
                "{\"id\":\"bulk\",\"dataset\":\"load\",\"api_id\":\"bulk-id\",\"api_token\":\"bulk-token\","
                        + "\"load\":{\"calls\":1234,\"users\":3}}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(ApiClient.basic(simulator, "bulk-id", "bulk-token").getJson("/v1/calls").get("meta").get("total")
                .asInt()).isEqualTo(1234);
    }

    @Test
    void refusesACompanyIdTwice() {
        HttpResponse<String> again = ApiClient.control(simulator, "POST", "/_simulator/companies",
                "{\"id\":\"" + DemoCompany.ID + "\"}");

        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void finishesAnInProgressCall() {
        long id = DemoCompany.callId(DemoCompany.IN_PROGRESS);
        long endedAt = simulator.anchor().getEpochSecond() + 60;

        HttpResponse<String> finished = ApiClient.control(simulator, "POST",
                "/_simulator/companies/" + DemoCompany.ID + "/calls/" + id + "/finish",
                "{\"ended_at\":" + endedAt + ",\"recording_delay_seconds\":null}");

        assertThat(finished.statusCode()).isEqualTo(200);
        JsonNode call = ApiClient.basic(simulator, DemoCompany.API_ID, DemoCompany.API_TOKEN)
                .getJson("/v1/calls/" + id).get("call");
        assertThat(call.get("status").asText()).isEqualTo("done");
        assertThat(call.get("ended_at").asLong()).isEqualTo(endedAt);
        assertThat(call.get("recording").isNull()).isTrue();
        assertThat(ApiClient.control(simulator, "POST",
                "/_simulator/companies/" + DemoCompany.ID + "/calls/" + id + "/finish", null).statusCode()).isEqualTo(409);
    }

    @Test
    void changesCallFieldsWithPatch() {
        long id = DemoCompany.callId(DemoCompany.IMPORTED_NORMAL);

        HttpResponse<String> patched = ApiClient.control(simulator, "PATCH",
                "/_simulator/companies/" + DemoCompany.ID + "/calls/" + id,
                "{\"tags\":[\"hr\",\"legal\"],\"archived\":true,\"recording_available_at\":null}");

        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode call = json(patched).get("call");
        assertThat(call.get("archived").asBoolean()).isTrue();
        assertThat(call.get("recording").isNull()).isTrue();
        assertThat(call.get("tags")).hasSize(2);
        assertThat(json(patched).get("scenario").asText()).isEqualTo(DemoCompany.IMPORTED_NORMAL);
    }

    @Test
    void answers404ForUnknownCompaniesAndCalls() {
        assertThat(ApiClient.control(simulator, "GET", "/_simulator/companies/nope", null).statusCode()).isEqualTo(404);
        assertThat(ApiClient.control(simulator, "POST",
                "/_simulator/companies/" + DemoCompany.ID + "/calls/1/recording", null).statusCode()).isEqualTo(404);
        assertThat(ApiClient.control(simulator, "GET", "/_simulator/nothing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void answers400ForBadBodies() {
        assertThat(ApiClient.control(simulator, "POST", "/_simulator/faults", "{\"kind\":\"meteor\"}").statusCode())
                .isEqualTo(400);
        assertThat(ApiClient.control(simulator, "POST", "/_simulator/faults", "{not json").statusCode()).isEqualTo(400);
        assertThat(ApiClient.control(simulator, "POST", "/_simulator/companies/" + DemoCompany.ID + "/calls",
                "{\"direction\":\"inbound\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void readsAndChangesSettings() {
        JsonNode before = json(ApiClient.control(simulator, "GET", "/_simulator/settings", null));
        JsonNode after = json(ApiClient.control(simulator, "PATCH", "/_simulator/settings",
                "{\"from_inclusive\":false,\"to_inclusive\":false,\"unthrottled\":false}"));

        assertThat(before.get("from_inclusive").asBoolean()).isTrue();
        assertThat(after.get("from_inclusive").asBoolean()).isFalse();
        assertThat(simulator.settings().toInclusive()).isFalse();
        assertThat(simulator.settings().unthrottled()).isFalse();
    }

    @Test
    void listsCompaniesAndPendingFaults() {
        simulator.demo().faults().failNextWithServerError(4);

        JsonNode companies = json(ApiClient.control(simulator, "GET", "/_simulator/companies", null));
        JsonNode faults = json(ApiClient.control(simulator, "GET", "/_simulator/faults", null));

        assertThat(companies.get(0).get("id").asText()).isEqualTo(DemoCompany.ID);
        assertThat(companies.get(0).get("calls").asInt()).isEqualTo(DemoCompany.scenarios().size());
        assertThat(faults.get("companies").get(DemoCompany.ID).get("server_error").asInt()).isEqualTo(4);
    }

    @Test
    void removesACompany() {
        assertThat(ApiClient.control(simulator, "DELETE", "/_simulator/companies/" + DemoCompany.ID, null).statusCode())
                .isEqualTo(204);

        assertThat(simulator.findCompany(DemoCompany.ID)).isEmpty();
        assertThat(ApiClient.basic(simulator, DemoCompany.API_ID, DemoCompany.API_TOKEN).get("/v1/ping").statusCode())
                .isEqualTo(403);
    }
}
