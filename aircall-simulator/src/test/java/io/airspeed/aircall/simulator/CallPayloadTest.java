package io.airspeed.aircall.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.support.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.airspeed.aircall.simulator.data.DemoCompany.callId;
import static org.assertj.core.api.Assertions.assertThat;

/** The call and user objects match Aircall's shapes, checked on the raw JSON. */
class CallPayloadTest {

    static AircallSimulator simulator;
    static ApiClient demo;

    @BeforeAll
    static void start() {
        simulator = AircallSimulator.builder().unthrottled(true).withDemoCompany().start();
        demo = ApiClient.basic(simulator, DemoCompany.API_ID, DemoCompany.API_TOKEN);
    }

    @AfterAll
    static void stop() {
        simulator.stop();
    }

    private static String rawCall(String scenario) {
        return demo.get("/v1/calls/" + callId(scenario)).body();
    }

    private static JsonNode call(String scenario) {
        return demo.getJson("/v1/calls/" + callId(scenario)).get("call");
    }

    @Test
    void leavesTheUserKeyOutOfMissedInboundCalls() {
        String raw = rawCall(DemoCompany.MISSED_WITHOUT_USER);

        assertThat(raw).doesNotContain("\"user\":");
        assertThat(raw).contains("\"missed_call_reason\":\"agents_did_not_answer\"")
                .contains("\"status\":\"done\"")
                .contains("\"answered_at\":null")
                .contains("\"direction\":\"inbound\"")
                .contains("\"recording\":null");
        assertThat(ApiClient.parse(raw).get("call").get("voicemail").asText()).contains("/voicemails/");
    }

    @Test
    void keepsTheUserKeyOutInListsToo() {
        JsonNode calls = demo.getJson("/v1/calls?per_page=50").get("calls");
        long missedId = callId(DemoCompany.MISSED_WITHOUT_USER);

        for (JsonNode c : calls) {
            assertThat(c.has("user")).as("call %s", c.get("id")).isEqualTo(c.get("id").asLong() != missedId);
        }
    }

    @Test
    void durationIsEndedAtMinusStartedAtOnEveryFinishedCall() {
        for (JsonNode c : demo.getJson("/v1/calls?per_page=50").get("calls")) {
            if (c.get("ended_at").isNull()) {
                continue;
            }
            assertThat(c.get("duration").asLong()).as("call %s", c.get("id"))
                    .isEqualTo(c.get("ended_at").asLong() - c.get("started_at").asLong());
        }
        assertThat(call(DemoCompany.TOO_SHORT).get("duration").asLong()).isEqualTo(59);
        assertThat(call(DemoCompany.EXACTLY_60_S).get("duration").asLong()).isEqualTo(60);
    }

    @Test
    void inProgressCallIsAnsweredWithoutEndAndZeroDuration() {
        JsonNode c = call(DemoCompany.IN_PROGRESS);

        assertThat(c.get("status").asText()).isEqualTo("answered");
        assertThat(c.get("ended_at").isNull()).isTrue();
        assertThat(c.get("answered_at").isNumber()).isTrue();
        assertThat(c.get("duration").asLong()).isZero();
        assertThat(c.get("recording").isNull()).isTrue();
        assertThat(c.get("user").get("id").asLong()).isEqualTo(DemoCompany.ALICE);
    }

    @Test
    void rendersEveryFieldOfTheCallObject() {
        JsonNode c = call(DemoCompany.IMPORTED_NORMAL);
        long id = c.get("id").asLong();

        assertThat(c.fieldNames()).toIterable().containsExactly("id", "sid", "direct_link", "direction", "status",
                "missed_call_reason", "started_at", "answered_at", "ended_at", "duration", "voicemail", "recording",
                "asset", "raw_digits", "user", "contact", "archived", "assigned_to", "transferred_by",
                "transferred_to", "cost", "number", "teams", "comments", "tags");
        assertThat(c.get("direct_link").asText()).isEqualTo("https://api.aircall.io/v1/calls/" + id);
        assertThat(c.get("asset").asText()).isEqualTo("https://assets.aircall.io/calls/" + id + "/recording");
        assertThat(c.get("recording").asText()).startsWith(simulator.baseUrl() + "/recordings/" + id + ".mp3?expires=");
        assertThat(c.get("status").asText()).isEqualTo("done");
        assertThat(c.get("missed_call_reason").isNull()).isTrue();
        assertThat(c.get("started_at").isIntegralNumber()).isTrue();
        assertThat(c.get("number").get("live_recording_activated").asBoolean()).isTrue();
        assertThat(c.get("number").has("is_ivr")).isTrue();
        assertThat(c.get("raw_digits").asText()).startsWith("+44 20 7946 0");
    }

    @Test
    void rendersTheUserObjectWithIsoCreatedAt() {
        JsonNode user = call(DemoCompany.IMPORTED_NORMAL).get("user");

        assertThat(user.fieldNames()).toIterable().containsExactly("id", "direct_link", "name", "email", "available",
                "availability_status", "created_at", "time_zone", "language");
        assertThat(user.get("direct_link").asText()).isEqualTo("https://api.aircall.io/v1/users/1001");
        assertThat(user.get("email").asText()).isEqualTo("alice@acme.test");
        assertThat(user.get("created_at").isTextual()).isTrue();
        assertThat(Instant.parse(user.get("created_at").asText())).isEqualTo("2024-01-15T09:00:00Z");
    }

    @Test
    void listsUsersWithMetaAndIsoCreatedAt() {
        JsonNode body = demo.getJson("/v1/users?per_page=50");

        assertThat(body.get("users")).hasSize(8);
        assertThat(body.get("meta").get("total").asInt()).isEqualTo(8);
        assertThat(body.get("users").get(0).get("created_at").asText()).isEqualTo("2024-01-15T09:00:00.000Z");
        assertThat(body.get("users").get(1).get("email").asText()).isEqualTo("Bob@Acme.TEST");
        assertThat(demo.getJson("/v1/users/1007").get("user").get("email").asText()).isEqualTo("frank.field@gmail.test");
    }

    @Test
    void transferredCallNamesBothUsers() {
        JsonNode c = call(DemoCompany.TRANSFERRED);

        assertThat(c.get("transferred_by").get("id").asLong()).isEqualTo(DemoCompany.ALICE);
        assertThat(c.get("transferred_to").get("id").asLong()).isEqualTo(DemoCompany.BOB);
        assertThat(c.get("teams")).hasSize(1);
    }

    @Test
    void noRecordingCallIsOnALineWithRecordingOff() {
        JsonNode c = call(DemoCompany.NO_RECORDING);

        assertThat(c.get("recording").isNull()).isTrue();
        assertThat(c.get("asset").isNull()).isTrue();
        assertThat(c.get("number").get("live_recording_activated").asBoolean()).isFalse();
        assertThat(c.get("answered_at").isNumber()).isTrue();
        assertThat(c.get("duration").asLong()).isGreaterThan(600);
    }

    @Test
    void privateWorthyCallCarriesTheHrTagAndAComment() {
        JsonNode c = call(DemoCompany.PRIVATE_WORTHY);

        assertThat(c.get("tags").findValuesAsText("name")).isEqualTo(List.of("hr"));
        assertThat(c.get("comments")).hasSize(1);
    }

    @Test
    void addsShortUrlsOnlyWhenAskedFor() {
        long id = callId(DemoCompany.IMPORTED_NORMAL);
        JsonNode plain = demo.getJson("/v1/calls/" + id).get("call");
        JsonNode withShort = demo.getJson("/v1/calls/" + id + "?fetch_short_urls=true").get("call");

        assertThat(plain.has("recording_short_url")).isFalse();
        assertThat(withShort.get("recording_short_url").asText()).contains("/recordings/" + id + ".mp3");
    }
}
