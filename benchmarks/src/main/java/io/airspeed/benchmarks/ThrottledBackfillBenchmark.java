package io.airspeed.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.CounterSnapshot;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.demo.LoadOrg;
import io.airspeed.localstack.process.ServiceProcess;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * A backfill against an Aircall account that enforces its rate limit (the simulator's fixed window),
 * with ingest-service configured for the same limit, as in production. Pages hold 50 calls, so no
 * client can exceed 50 x limit calls per minute; the figure is how close it gets and how many 429s
 * it provoked on the way.
 */
final class ThrottledBackfillBenchmark {

    /** From this far into the run on, the rate is steady: the first window's burst and ramp are behind. */
    static final double STEADY_AFTER_SECONDS = 60;

    record Outcome(long calls, double seconds, long requests, long throttledSeen, long rateLimitedBySimulator, int limit,
                   long fetchedAtSteadyStart, double steadyStartSeconds) {

        double callsPerMinute() {
            return calls / (seconds / 60);
        }

        /** Calls per minute from {@link #STEADY_AFTER_SECONDS} to the end, so window edges weigh nothing. */
        double steadyCallsPerMinute() {
            return (calls - fetchedAtSteadyStart) / ((seconds - steadyStartSeconds) / 60);
        }

        double bound() {
            return 50.0 * limit;
        }
    }

    private ThrottledBackfillBenchmark() {
    }

    static Outcome run(LocalStack stack, int limitPerMinute, int calls) {
        ServiceProcess ingest = stack.service(Service.INGEST);
        ingest.stop();
        ingest.changeEnvironment(Map.of("INGEST_AIRCALL_RATE_LIMIT_PER_MINUTE", Integer.toString(limitPerMinute)));
        ingest.startAndAwaitReady(Duration.ofMinutes(3));

        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
        LoadDataSet data = LoadDataSet.builder().company("throttled", "Throttled").credentials("throttled-id", "throttled-token")
                .calls(calls).users(10).range(to.minus(Duration.ofDays(1)), to).firstCallId(4_000_000_000L)
                .rateLimit(RateLimit.perMinute(limitPerMinute)).build();
        SimulatedCompany company = stack.simulator().addCompany(data.spec());
        AirspeedApi api = stack.api();
        LoadOrg org = LoadOrg.create(api, "Bench throttled", data);
        company.resetCounters();

        long t0 = System.nanoTime();
        UUID backfill = AirspeedApi.uuid(api.startBackfill(org.adminToken(), data.from(), data.to()).expect(202).body(), "id");
        long[] steadyStart = {-1};
        double[] steadyStartSeconds = {0};
        JsonNode run = IngestionBenchmark.awaitWithProgress(api, org.adminToken(), backfill, t0, (elapsed, fetched) -> {
            if (steadyStart[0] < 0 && elapsed >= STEADY_AFTER_SECONDS) {
                steadyStart[0] = fetched;
                steadyStartSeconds[0] = elapsed;
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!"SUCCEEDED".equals(run.path("status").asText())) {
            throw new IllegalStateException("The throttled backfill ended " + run.path("status").asText() + ": " + run);
        }
        CounterSnapshot counters = company.counters();
        return new Outcome(run.path("progress").path("fetched").asLong(), seconds, run.path("aircall").path("requests").asLong(),
                run.path("aircall").path("throttled").asLong(), counters.rateLimited(), limitPerMinute,
                Math.max(steadyStart[0], 0), steadyStartSeconds[0]);
    }
}
