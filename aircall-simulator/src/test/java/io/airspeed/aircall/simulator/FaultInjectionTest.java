package io.airspeed.aircall.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.CounterSnapshot;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {

    AircallSimulator simulator;
    SimulatedCompany company;
    ApiClient demo;

    @BeforeEach
    void start() {
        simulator = AircallSimulator.builder().unthrottled(true).withDemoCompany().start();
        company = simulator.demo();
        demo = ApiClient.basic(simulator, DemoCompany.API_ID, DemoCompany.API_TOKEN);
    }

    @AfterEach
    void stop() {
        simulator.stop();
    }

    @Test
    void answers500ForTheNextNRequestsThenRecovers() {
        company.faults().failNextWithServerError(2);

        assertThat(demo.get("/v1/calls").statusCode()).isEqualTo(500);
        assertThat(demo.get("/v1/calls").statusCode()).isEqualTo(500);
        assertThat(demo.get("/v1/calls").statusCode()).isEqualTo(200);
        assertThat(company.counters().serverErrors()).isEqualTo(2);
    }

    @Test
    void injectsServerErrorsThroughTheControlApi() {
        HttpResponse<String> injected = ApiClient.control(simulator, "POST", "/_simulator/faults",
                "{\"kind\":\"server_error\",\"count\":1,\"company\":\"" + DemoCompany.ID + "\"}");

        assertThat(injected.statusCode()).isEqualTo(200);
        assertThat(demo.get("/v1/ping").statusCode()).isEqualTo(500);
        assertThat(demo.get("/v1/ping").statusCode()).isEqualTo(200);
    }

    @Test
    void servesA429StormWithRateLimitHeaders() {
        company.faults().rateLimitStorm(3);

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = demo.get("/v1/calls");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("X-AircallApi-Remaining")).hasValue("0");
            assertThat(r.headers().firstValue("X-AircallApi-Reset")).isPresent();
            assertThat(r.headers().firstValue("X-AircallApi-Limit")).isPresent();
        }
        assertThat(demo.get("/v1/calls").statusCode()).isEqualTo(200);
        assertThat(company.counters().rateLimited()).isEqualTo(3);
    }

    @Test
    void delaysResponsesByTheInjectedLatency() {
        company.faults().addLatency(Duration.ofMillis(300), 1);

        long start = System.nanoTime();
        assertThat(demo.get("/v1/ping").statusCode()).isEqualTo(200);
        long slowMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        demo.get("/v1/ping");
        long fastMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(slowMillis).isGreaterThanOrEqualTo(300);
        assertThat(fastMillis).isLessThan(300);
    }

    @Test
    void addsLatencyUntilClearedThroughTheControlApi() {
        ApiClient.control(simulator, "POST", "/_simulator/faults", "{\"kind\":\"latency\",\"latency_millis\":200}");

        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            demo.get("/v1/ping");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
        }
        assertThat(ApiClient.control(simulator, "DELETE", "/_simulator/faults", null).statusCode()).isEqualTo(204);
        assertThat(simulator.faults().pending().latencyMillis()).isZero();
    }

    @Test
    void truncatesTheJsonOfTheNextNResponses() {
        company.faults().malformNextResponses(1);

        HttpResponse<String> broken = demo.get("/v1/calls?per_page=5");
        HttpResponse<String> whole = demo.get("/v1/calls?per_page=5");

        assertThat(broken.statusCode()).isEqualTo(200);
        assertThat(broken.body()).startsWith("{\"calls\":[");
        assertThatThrownBy(() -> ApiClient.JSON.readTree(broken.body())).isInstanceOf(Exception.class);
        assertThat(broken.body().length()).isEqualTo(whole.body().length() / 2);
        assertThat(company.counters().malformedResponses()).isEqualTo(1);
    }

    @Test
    void answersListsWith404ForTheNextNWhileSingleCallsStillAnswer() {
        company.faults().failNextListsWithNotFound(1);

        assertThat(demo.get("/v1/ping").statusCode()).isEqualTo(200);
        HttpResponse<String> lost = demo.get("/v1/calls?per_page=5");
        assertThat(lost.statusCode()).isEqualTo(404);
        assertThat(ApiClient.parse(lost.body()).has("error")).isTrue();
        assertThat(demo.get("/v1/calls?per_page=5").statusCode()).isEqualTo(200);
        assertThat(company.counters().notFound()).isEqualTo(1);
    }

    @Test
    void servesListsWithoutMetaOrWithoutCallsForTheNextN() {
        company.faults().dropMetaOfNextLists(1).dropCallsOfNextLists(1);

        JsonNode withoutMeta = demo.getJson("/v1/calls?per_page=5");
        assertThat(withoutMeta.has("meta")).isFalse();
        assertThat(withoutMeta.get("calls").size()).isEqualTo(5);
        JsonNode withoutCalls = demo.getJson("/v1/calls?per_page=5");
        assertThat(withoutCalls.has("calls")).isFalse();
        assertThat(withoutCalls.get("meta").get("total").asLong()).isGreaterThan(5);
        JsonNode whole = demo.getJson("/v1/calls?per_page=5");
        assertThat(whole.has("calls")).isTrue();
        assertThat(whole.has("meta")).isTrue();
        assertThat(company.counters().malformedResponses()).isEqualTo(2);
    }

    @Test
    void injectsListFaultsThroughTheControlApi() {
        assertThat(ApiClient.control(simulator, "POST", "/_simulator/companies/" + DemoCompany.ID + "/faults",
                "{\"kind\":\"list_without_meta\",\"count\":2}").statusCode()).isEqualTo(200);
        assertThat(company.faults().pending().listWithoutMeta()).isEqualTo(2);
        assertThat(demo.getJson("/v1/calls").has("meta")).isFalse();
    }

    @Test
    void closesTheConnectionWithoutResponseForTheNextN() throws IOException {
        company.faults().dropNextConnections(3);

        assertThat(rawPing()).isEmpty();
        // java.net.http retries an idempotent GET once on a dropped connection: two drops defeat it.
        assertThatThrownBy(() -> demo.get("/v1/ping")).isInstanceOf(UncheckedIOException.class);
        assertThat(demo.get("/v1/ping").statusCode()).isEqualTo(200);
        assertThat(company.counters().droppedConnections()).isEqualTo(3);
    }

    /** Sends a ping on a fresh socket and returns every byte the server sent before closing. */
    private byte[] rawPing() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            socket.setSoTimeout(5000);
            String request = "GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + AircallSimulator.basicAuthorization(DemoCompany.API_ID, DemoCompany.API_TOKEN) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return in.readAllBytes();
        }
    }

    @Test
    void simulatorWideFaultsHitEveryCompany() {
        simulator.faults().failNextWithServerError(1);

        assertThat(demo.get("/v1/ping").statusCode()).isEqualTo(500);
        assertThat(demo.get("/v1/ping").statusCode()).isEqualTo(200);
    }

    @Test
    void countsRequestsPagesAndErrorsPerCompany() {
        demo.get("/v1/calls?per_page=5");
        demo.get("/v1/calls?per_page=5&page=2");
        demo.get("/v1/calls/search?direction=inbound");
        demo.get("/v1/calls/1");
        demo.get("/v1/calls?per_page=500");
        company.faults().failNextWithServerError(1);
        demo.get("/v1/ping");

        CounterSnapshot counters = company.counters();
        assertThat(counters.requests()).isEqualTo(6);
        assertThat(counters.pagesServed()).isEqualTo(3);
        assertThat(counters.callsServed()).isGreaterThanOrEqualTo(10);
        assertThat(counters.notFound()).isEqualTo(1);
        assertThat(counters.badRequests()).isEqualTo(1);
        assertThat(counters.serverErrors()).isEqualTo(1);
    }

    @Test
    void readsAndResetsCountersThroughTheControlApi() {
        demo.get("/v1/calls");
        demo.get("/v1/calls");

        JsonNode counters = ApiClient.parse(ApiClient.control(simulator, "GET", "/_simulator/counters", null).body());
        assertThat(counters.get("companies").get(DemoCompany.ID).get("pages_served").asInt()).isEqualTo(2);
        assertThat(counters.get("companies").get(DemoCompany.ID).get("requests").asInt()).isEqualTo(2);

        assertThat(ApiClient.control(simulator, "POST", "/_simulator/counters/reset", null).statusCode()).isEqualTo(204);
        JsonNode own = ApiClient.parse(ApiClient.control(simulator, "GET",
                "/_simulator/companies/" + DemoCompany.ID + "/counters", null).body());
        assertThat(own.get("requests").asInt()).isZero();
        assertThat(company.counters().pagesServed()).isZero();
    }
}
