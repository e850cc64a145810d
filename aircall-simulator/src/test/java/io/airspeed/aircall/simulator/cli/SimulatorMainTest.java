package io.airspeed.aircall.simulator.cli;

import io.airspeed.aircall.simulator.AircallSimulator;
import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.aircall.simulator.support.ApiClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorMainTest {

    private static String printed(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void startsFromFlagsWithTheGivenCredentialsRateLimitAndDataSets() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AircallSimulator simulator = SimulatorMain.launch(new String[]{"--port", "0", "--dataset", "demo,load",
                        "--api-id", "flag-id", "--api-token=flag-token", "--rate-limit", "2", "--rate-limit-window", "PT30S",
                        "--load-calls", "777", "--seed", "9", "--anchor", "2026-02-01T10:00:00Z",
                        "--recording-url-lifetime", "120", "--from-inclusive", "false", "--rate-limit-headers-on-success"},
                Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(printed(out)).startsWith(SimulatorMain.READY_PREFIX + simulator.baseUrl());
            ApiClient demo = ApiClient.basic(simulator, "flag-id", "flag-token");
            HttpResponse<String> first = demo.get("/v1/ping");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("X-AircallApi-Limit")).hasValue("2");
            demo.get("/v1/ping");
            assertThat(demo.get("/v1/ping").statusCode()).isEqualTo(429);
            assertThat(ApiClient.basic(simulator, LoadDataSet.API_ID, LoadDataSet.API_TOKEN).getJson("/v1/calls")
                    .get("meta").get("total").asInt()).isEqualTo(777);
            assertThat(simulator.anchor()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z"));
            assertThat(simulator.seed()).isEqualTo(9);
            assertThat(simulator.settings().recordingUrlLifetime()).isEqualTo(Duration.ofSeconds(120));
            assertThat(simulator.settings().fromInclusive()).isFalse();
        } finally {
            simulator.stop();
        }
    }

    @Test
    void readsSettingsFromEnvironmentVariablesUnderFlags() {
        Map<String, String> env = Map.of("AIRCALL_SIM_PORT", "0", "AIRCALL_SIM_API_ID", "env-id",
                "AIRCALL_SIM_API_TOKEN", "env-token", "AIRCALL_SIM_UNTHROTTLED", "true",
                "AIRCALL_SIM_DATASET", "load");
        AircallSimulator simulator = SimulatorMain.launch(new String[]{"--dataset", "demo"}, env,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertThat(simulator.settings().unthrottled()).isTrue();
            assertThat(simulator.findCompany(LoadDataSet.ID)).isEmpty();
            assertThat(ApiClient.basic(simulator, "env-id", "env-token").get("/v1/ping").statusCode()).isEqualTo(200);
        } finally {
            simulator.stop();
        }
    }

    @Test
    void printsUsageForHelpAndStartsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        AircallSimulator simulator = SimulatorMain.launch(new String[]{"--help"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(simulator).isNull();
        assertThat(printed(out)).contains("--port").contains("AIRCALL_SIM_RATE_LIMIT").contains("--recording-url-lifetime");
    }

    @Test
    void rejectsUnknownFlags() {
        assertThatThrownBy(() -> SimulatorMain.launch(new String[]{"--prot", "1"}, Map.of(), System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--prot");
    }
}
