package io.airspeed.aircall.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static io.airspeed.aircall.simulator.data.DemoCompany.callId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RecordingTest {

    AircallSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.stop();
        }
    }

    private ApiClient demo() {
        return ApiClient.basic(simulator, DemoCompany.API_ID, DemoCompany.API_TOKEN);
    }

    private JsonNode call(String scenario) {
        return demo().getJson("/v1/calls/" + callId(scenario)).get("call");
    }

    private static HttpResponse<byte[]> download(String url) {
        return ApiClient.sendForBytes(HttpRequest.newBuilder(URI.create(url)).build());
    }

    @Test
    void lateRecordingIsNullUntilTenMinutesAfterTheAnchorThenAUrl() {
        // Anchor placed so that "10 minutes after the anchor" is 3 seconds from now.
        Instant anchor = Instant.now().minus(DemoCompany.LATE_RECORDING_DELAY).plusSeconds(3);
        simulator = AircallSimulator.builder().unthrottled(true).anchor(anchor).withDemoCompany().start();

        JsonNode before = call(DemoCompany.LATE_RECORDING);
        assertThat(before.get("status").asText()).isEqualTo("done");
        assertThat(before.get("recording").isNull()).isTrue();
        assertThat(before.get("asset").isNull()).isTrue();

        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200))
                .until(() -> !call(DemoCompany.LATE_RECORDING).get("recording").isNull());
        assertThat(call(DemoCompany.LATE_RECORDING).get("recording").asText())
                .contains("/recordings/" + callId(DemoCompany.LATE_RECORDING) + ".mp3");
    }

    @Test
    void attachesALateRecordingThroughTheControlApi() {
        simulator = AircallSimulator.builder().unthrottled(true).withDemoCompany().start();
        assertThat(call(DemoCompany.LATE_RECORDING).get("recording").isNull()).isTrue();

        HttpResponse<String> attached = ApiClient.control(simulator, "POST",
                "/_simulator/companies/" + DemoCompany.ID + "/calls/" + callId(DemoCompany.LATE_RECORDING) + "/recording",
                null);

        assertThat(attached.statusCode()).isEqualTo(200);
        assertThat(call(DemoCompany.LATE_RECORDING).get("recording").asText()).startsWith(simulator.baseUrl());
    }

    @Test
    void finishesAnInProgressCallWithARecording() {
        simulator = AircallSimulator.builder().unthrottled(true).withDemoCompany().start();

        simulator.demo().finishCallNow(callId(DemoCompany.IN_PROGRESS));

        JsonNode c = call(DemoCompany.IN_PROGRESS);
        assertThat(c.get("status").asText()).isEqualTo("done");
        assertThat(c.get("duration").asLong()).isEqualTo(c.get("ended_at").asLong() - c.get("started_at").asLong());
        assertThat(c.get("recording").isTextual()).isTrue();
    }

    @Test
    void recordingUrlServesAudioUntilItExpiresThen403() {
        simulator = AircallSimulator.builder().unthrottled(true).recordingUrlLifetime(Duration.ofSeconds(2))
                .withDemoCompany().start();
        String url = call(DemoCompany.IMPORTED_NORMAL).get("recording").asText();

        HttpResponse<byte[]> fresh = download(url);
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(new String(fresh.body(), 0, 3)).isEqualTo("ID3");

        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
                .until(() -> download(url).statusCode() == 403);
        assertThat(new String(download(url).body())).contains("Request has expired");
        assertThat(simulator.counters().mediaServed()).isGreaterThanOrEqualTo(1);
        assertThat(simulator.counters().mediaRefused()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusesATamperedRecordingUrl() {
        simulator = AircallSimulator.builder().unthrottled(true).withDemoCompany().start();
        String url = call(DemoCompany.IMPORTED_NORMAL).get("recording").asText();
        String otherCall = url.replace("/recordings/" + callId(DemoCompany.IMPORTED_NORMAL) + ".mp3",
                "/recordings/" + callId(DemoCompany.TOO_SHORT) + ".mp3");
        String laterExpiry = url.replaceFirst("expires=(\\d+)", "expires=9999999999");

        assertThat(download(otherCall).statusCode()).isEqualTo(403);
        assertThat(download(laterExpiry).statusCode()).isEqualTo(403);
        assertThat(new String(download(laterExpiry).body())).contains("SignatureDoesNotMatch");
    }

    @Test
    void voicemailUrlOfAMissedCallIsServedToo() {
        simulator = AircallSimulator.builder().unthrottled(true).withDemoCompany().start();
        String voicemail = call(DemoCompany.MISSED_WITHOUT_USER).get("voicemail").asText();

        assertThat(download(voicemail).statusCode()).isEqualTo(200);
    }

    @Test
    void changesTheRecordingUrlLifetimeAtRunTime() {
        simulator = AircallSimulator.builder().unthrottled(true).withDemoCompany().start();
        long now = Instant.now().getEpochSecond();
        ApiClient.control(simulator, "PATCH", "/_simulator/settings", "{\"recording_url_lifetime_seconds\":600}");

        String url = call(DemoCompany.IMPORTED_NORMAL).get("recording").asText();
        long expires = Long.parseLong(url.replaceFirst(".*expires=(\\d+).*", "$1"));

        assertThat(expires - now).isBetween(600L, 602L);
    }
}
