package io.airspeed.aircall.simulator;

import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;
import io.airspeed.aircall.simulator.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RateLimitTest {

    AircallSimulator simulator;
    ApiClient acme;
    ApiClient globex;

    @BeforeEach
    void start() {
        simulator = AircallSimulator.builder()
                .company(CompanySpec.builder("acme").credentials("acme-id", "acme-token")
                        .rateLimit(new RateLimit(3, Duration.ofSeconds(2))).build())
                .company(CompanySpec.builder("globex").credentials("globex-id", "globex-token").build())
                .start();
        acme = ApiClient.basic(simulator, "acme-id", "acme-token");
        globex = ApiClient.basic(simulator, "globex-id", "globex-token");
    }

    @AfterEach
    void stop() {
        simulator.stop();
    }

    @Test
    void answers429WithTheThreeHeadersOnceTheBudgetIsSpent() {
        for (int i = 0; i < 3; i++) {
            assertThat(acme.get("/v1/calls").statusCode()).isEqualTo(200);
        }
        long before = System.currentTimeMillis() / 1000;

        HttpResponse<String> refused = acme.get("/v1/calls");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-AircallApi-Limit")).hasValue("3");
        assertThat(refused.headers().firstValue("X-AircallApi-Remaining")).hasValue("0");
        long reset = Long.parseLong(refused.headers().firstValue("X-AircallApi-Reset").orElseThrow());
        assertThat(reset).isBetween(before, before + 3);
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        assertThat(simulator.company("acme").counters().rateLimited()).isEqualTo(1);
    }

    @Test
    void recoversAfterTheResetInstant() {
        HttpResponse<String> refused = null;
        for (int i = 0; i < 4; i++) {
            refused = acme.get("/v1/ping");
        }
        assertThat(refused.statusCode()).isEqualTo(429);
        long resetMillis = Long.parseLong(refused.headers().firstValue("X-AircallApi-Reset").orElseThrow()) * 1000;

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> System.currentTimeMillis() >= resetMillis);

        assertThat(acme.get("/v1/ping").statusCode()).isEqualTo(200);
    }

    @Test
    void limitsEachCompanySeparatelyWithSixtyPerMinuteByDefault() {
        for (int i = 0; i < 4; i++) {
            acme.get("/v1/ping");
        }

        HttpResponse<String> other = globex.get("/v1/ping");

        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(simulator.company("globex").rateLimit()).isEqualTo(RateLimit.perMinute(60));
    }

    @Test
    void leavesRateLimitHeadersOffSuccessfulResponsesByDefault() {
        HttpResponse<String> ok = acme.get("/v1/ping");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-AircallApi-Limit")).isEmpty();
    }

    @Test
    void sendsRateLimitHeadersOnSuccessfulResponsesWhenSwitchedOn() {
        simulator.settings().rateLimitHeadersOnSuccess(true);

        HttpResponse<String> first = acme.get("/v1/ping");
        HttpResponse<String> second = acme.get("/v1/ping");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-AircallApi-Limit")).hasValue("3");
        assertThat(first.headers().firstValue("X-AircallApi-Remaining")).hasValue("2");
        assertThat(second.headers().firstValue("X-AircallApi-Remaining")).hasValue("1");
        assertThat(second.headers().firstValue("X-AircallApi-Reset")).isPresent();
    }

    @Test
    void switchesHeadersOnSuccessThroughTheControlApi() {
        HttpResponse<String> patched = ApiClient.control(simulator, "PATCH", "/_simulator/settings",
                "{\"rate_limit_headers_on_success\":true}");

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(acme.get("/v1/ping").headers().firstValue("X-AircallApi-Remaining")).hasValue("2");
    }

    @Test
    void rateLimitOfZeroMeansUnthrottled() {
        simulator.company("acme").setRateLimit(new RateLimit(0, Duration.ofSeconds(2)));

        for (int i = 0; i < 20; i++) {
            assertThat(acme.get("/v1/ping").statusCode()).isEqualTo(200);
        }
        assertThat(simulator.company("acme").counters().rateLimited()).isZero();
    }

    @Test
    void unthrottledSwitchIgnoresEveryLimit() {
        simulator.settings().unthrottled(true);

        for (int i = 0; i < 10; i++) {
            assertThat(acme.get("/v1/ping").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void changesACompanysLimitThroughTheControlApi() {
        HttpResponse<String> put = ApiClient.control(simulator, "PUT", "/_simulator/companies/globex/rate-limit",
                "{\"requests\":1,\"window_seconds\":60}");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(globex.get("/v1/ping").statusCode()).isEqualTo(200);
        assertThat(globex.get("/v1/ping").statusCode()).isEqualTo(429);
    }
}
