package io.airspeed.benchmarks;

import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;
import io.airspeed.localstack.process.ServiceProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Runs the benchmarks of issue #6 against the packaged services and prints the results table.
 *
 * <pre>
 * --parts ingest,drain,throttled,list   which parts (default: all)
 * --calls 100000                  calls of the unthrottled ingestion
 * --drain-calls 100000            calls ingested while visibility-service is down, then drained
 * --throttle-limit 60             Aircall requests per minute (simulator and ingest-service alike)
 * --throttle-calls 15000          calls of the throttled backfill (five minutes at the bound)
 * --list-calls 1000000            calls of the org behind GET /api/calls
 * --list-users 1000               its users
 * --concurrency 8                 clients of GET /api/calls (and of the bare SQL)
 * --warmup 10 --seconds 30        warm-up and measured seconds of each latency run
 * </pre>
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Set<String> parts = Set.copyOf(Arrays.asList(options.getOrDefault("parts", "ingest,drain,throttled,list").split(",")));
        int calls = Integer.parseInt(options.getOrDefault("calls", "100000"));
        int drainCalls = Integer.parseInt(options.getOrDefault("drain-calls", "100000"));
        int throttleLimit = Integer.parseInt(options.getOrDefault("throttle-limit", "60"));
        int throttleCalls = Integer.parseInt(options.getOrDefault("throttle-calls", "15000"));
        int listCalls = Integer.parseInt(options.getOrDefault("list-calls", "1000000"));
        int listUsers = Integer.parseInt(options.getOrDefault("list-users", "1000"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "10")));
        Duration measured = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "30")));

        Machine machine = Machine.describe();
        Results results = new Results();
        System.out.println("Airspeed benchmarks of " + Machine.commit(LocalStack.findRepositoryRoot()) + ", " + machine.date() + ", " + machine.cores() + " cores, " + machine.jvm());
        Path root = LocalStack.findRepositoryRoot();
        List<String> serviceJvm = LocalStack.SERVICE_JAVA_OPTIONS;
        LocalStack.Builder builder = LocalStack.builder().root(root)
                .logDirectory(root.resolve("benchmarks/target/stack-logs"))
                .sequentialStart()
                .javaOptions(serviceJvm)
                .simulator(simulator -> { })
                .env(Service.INGEST, "INGEST_AIRCALL_RATE_LIMIT_PER_MINUTE", "0")
                // The outbox is looked at every second, so that the drain starts as soon as deliveries are due.
                .env(Service.INGEST, "INGEST_DELIVERY_RETRY_EVERY", "1s")
                .progress(line -> System.out.println("  " + line));
        try (LocalStack stack = builder.start()) {
            for (Service service : Service.values()) {
                results.goal("startup", service.module() + " time to ready", stack.service(service).timeToReady().toMillis() / 1000.0,
                        1.5, "s", false);
            }
            IngestionBenchmark.sleep(Duration.ofSeconds(5));
            memory(stack, results, "after start (idle 5 s)", 150);

            if (parts.contains("ingest")) {
                System.out.printf("%nIngestion: backfill of %,d calls, unthrottled simulator, end to end%n", calls);
                LoadDataSet data = LoadDataSet.builder().company("bench", "Bench").credentials("bench-id", "bench-token")
                        .calls(calls).users(50).rateLimit(RateLimit.UNLIMITED).firstCallId(1_000_000_000L).build();
                stack.simulator().addCompany(data.spec());
                IngestionBenchmark.Outcome ingestion = IngestionBenchmark.run(stack, data, "Bench ingest");
                results.add("ingestion", "calls fetched, decided, imported end to end", String.format("%,d (%,d imported)",
                        ingestion.calls(), ingestion.imported()), "backfill of 30 days, 50 Aircall users, pages of 50");
                results.add("ingestion", "wall time", seconds(ingestion.seconds()), "admin's POST to visibility-service holding every import");
                results.add("ingestion", "throughput", Results.format(ingestion.callsPerSecond()) + " calls/s", "");
                memory(stack, results, "after the ingestion benchmark", 250);

                System.out.println("\nBaseline: the same rows, batched INSERTs into copies of the same tables");
                BaselineInserts.Outcome baseline = BaselineInserts.run(stack.database(), stack.databaseName(Service.INGEST),
                        stack.databaseName(Service.VISIBILITY), ingestion.org().orgId());
                double baselineCallsPerSecond = ingestion.calls() / baseline.seconds();
                results.add("ingestion", "baseline: batched INSERT of the same rows", String.format("%,d rows in %s = %s calls/s",
                        baseline.rows(), seconds(baseline.seconds()), Results.format(baselineCallsPerSecond)),
                        "decisions + calls + participants, batches of " + BaselineInserts.BATCH + ", same PostgreSQL");
                results.goal("ingestion", "Airspeed / baseline (goal 0.25, aim 0.5)", ingestion.callsPerSecond() / baselineCallsPerSecond,
                        0.25, "", true);
            }

            if (parts.contains("drain")) {
                System.out.printf("%nOutbox drain: %,d calls ingested with visibility-service stopped, then drained%n", drainCalls);
                OutboxDrainBenchmark.Outcome drain = OutboxDrainBenchmark.run(stack, drainCalls);
                results.add("outbox drain", "backlog delivered after the outage", String.format("%,d deliveries in %s",
                        drain.backlog(), seconds(drain.seconds())), "from the backlog due to none pending, bulk PUTs of 500");
                results.goal("outbox drain", "throughput", drain.callsPerSecond(), OutboxDrainBenchmark.FLOOR_CALLS_PER_SECOND,
                        "calls/s", true);
            }

            if (parts.contains("throttled")) {
                System.out.printf("%nThrottled backfill: %,d calls, Aircall limit %d requests/minute%n", throttleCalls, throttleLimit);
                ThrottledBackfillBenchmark.Outcome throttled = ThrottledBackfillBenchmark.run(stack, throttleLimit, throttleCalls);
                results.add("throttled backfill", "achieved over the whole run", Results.format(throttled.callsPerMinute()) + " calls/min",
                        String.format("%,d calls in %s", throttled.calls(), seconds(throttled.seconds())));
                results.add("throttled backfill", "bound (50 x limit per minute)", Results.format(throttled.bound()) + " calls/min", "");
                results.goal("throttled backfill", "achieved / bound, whole run", throttled.callsPerMinute() / throttled.bound(),
                        0.97, "", true);
                results.goal("throttled backfill", "achieved / bound, steady state (after the first minute)",
                        throttled.steadyCallsPerMinute() / throttled.bound(), 0.97, "", true);
                results.goal("throttled backfill", "429s received", throttled.throttledSeen(), 1, "", false);
                results.add("throttled backfill", "429s served by the simulator", Long.toString(throttled.rateLimitedBySimulator()),
                        throttled.requests() + " Aircall requests");
            }

            if (parts.contains("list")) {
                System.out.printf("%nGET /api/calls: seeding an org of %,d calls and %,d users into visibility's database%n", listCalls, listUsers);
                CallListBenchmark.Seeded seeded = CallListBenchmark.seed(stack, listCalls, listUsers);
                results.add("call list", "seeded", String.format("%,d calls, %,d participants in %s", seeded.calls(),
                        seeded.participants(), seconds(seeded.seconds())), "10 % private, 10 % with two participants");
                results.add("call list", "member's first page", CallListBenchmark.firstPageSummary(stack, seeded), "");
                String setting = "concurrency " + concurrency + ", " + measured.toSeconds() + " s after " + warmup.toSeconds() + " s warm-up";
                FixedConcurrencyLoad.Outcome sqlPage = CallListBenchmark.sql(stack, seeded, false, false, concurrency, warmup, measured);
                FixedConcurrencyLoad.Outcome sqlDeep = CallListBenchmark.sql(stack, seeded, false, true, concurrency, warmup, measured);
                FixedConcurrencyLoad.Outcome sqlAll = CallListBenchmark.sql(stack, seeded, true, false, concurrency, warmup, measured);
                results.add("call list", "bare SQL, member's page query only", latency(sqlPage), "the indexed UNION query alone, first page");
                results.add("call list", "bare SQL, member's page query " + CallListBenchmark.DEPTH + " calls deep", latency(sqlDeep), "after the keyset");
                results.add("call list", "bare SQL, all the service runs for a first page", latency(sqlAll),
                        "page ids + rows + participants + capped count, JDBC");
                for (CallListBenchmark.Reader reader : CallListBenchmark.READERS) {
                    FixedConcurrencyLoad.Outcome service = CallListBenchmark.service(stack, seeded, reader, concurrency, warmup, measured);
                    String what = "GET /api/calls?size=50, " + reader.name();
                    results.add("call list", what, latency(service), setting);
                    results.goal("call list", what + ": p99", service.p99Millis(), 20, "ms", false);
                    results.goal("call list", what + ": throughput / bare page query's", service.perSecond() / sqlPage.perSecond(),
                            0.25, "", true);
                }
            }
            memory(stack, results, "at the end", 0);
        }
        String table = results.table(machine, Machine.commit(root), Machine.currentLoadAverage(), "Services: java " + String.join(" ", serviceJvm)
                + "; PostgreSQL 17 embedded (fsync, synchronous_commit and full_page_writes off, as in the local stack); simulator in the benchmark's JVM; everything on the same machine.");
        Path file = root.resolve("benchmarks/target/benchmark-results.md");
        results.write(file, table);
        System.out.println();
        System.out.println(table);
        System.out.println("(also written to " + root.relativize(file) + ")");
    }

    /** Resident memory of each service, next to its goal when it has one (0: none). */
    private static void memory(LocalStack stack, Results results, String when, double goalMiB) {
        for (Service service : Service.values()) {
            ServiceProcess process = stack.service(service);
            OptionalLong kib = process.residentMemoryKib();
            String metric = service.module() + " RSS " + when;
            if (kib.isEmpty()) {
                results.add("memory", metric, "n/a", "");
            } else if (goalMiB > 0) {
                results.goal("memory", metric, kib.getAsLong() / 1024.0, goalMiB, "MiB", false);
            } else {
                results.add("memory", metric, (kib.getAsLong() / 1024) + " MiB", "");
            }
        }
    }

    private static String latency(FixedConcurrencyLoad.Outcome outcome) {
        return String.format("p50 %.2f ms, p99 %.2f ms, %s req/s%s", outcome.p50Millis(), outcome.p99Millis(),
                Results.format(outcome.perSecond()), outcome.errors() == 0 ? "" : ", " + outcome.errors() + " errors");
    }

    /** Throughput as a fraction of the baseline's, latency as a multiple of it. */
    private static String ratio(FixedConcurrencyLoad.Outcome service, FixedConcurrencyLoad.Outcome baseline) {
        return String.format("throughput %.3g of the SQL's, p50 %.3gx, p99 %.3gx", service.perSecond() / baseline.perSecond(),
                service.p50Millis() / baseline.p50Millis(), service.p99Millis() / baseline.p99Millis());
    }

    private static String seconds(double seconds) {
        return String.format("%.1f s", seconds);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
