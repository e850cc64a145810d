package io.airspeed.aircall.simulator;

import io.airspeed.aircall.simulator.cli.SimulatorMain;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the shaded jar as a real process, the way the local stack starts it. */
class StandaloneJarIT {

    @Test
    void shadedJarStartsFromItsFlagsAndServesTheDemoCompany() throws Exception {
        Path jar = Path.of(System.getProperty("simulator.jar", "target/aircall-simulator.jar"));
        assertThat(Files.exists(jar)).as("shaded jar %s", jar).isTrue();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--dataset", "demo")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            assertThat(ready).startsWith(SimulatorMain.READY_PREFIX);
            String baseUrl = ready.substring(SimulatorMain.READY_PREFIX.length()).trim();

            HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/ping"))
                    .header("Authorization", AircallSimulator.basicAuthorization("demo-api-id", "demo-api-token")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ping.statusCode()).isEqualTo(200);
            assertThat(ping.body()).isEqualTo("{\"ping\":\"pong\"}");
        } finally {
            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
