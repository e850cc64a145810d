package io.airspeed.aircall.simulator.benchmark;

import io.airspeed.aircall.simulator.AircallSimulator;
import io.airspeed.aircall.simulator.data.LoadDataSet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Measures how many pages of 50 calls an unthrottled simulator serves per second over loopback, with the
 * load data set, as an ingestion client would read them (java.net.http, keep-alive, pages of 50 inside
 * 10k windows). Not a test: run it with
 * {@code mvn -q -f aircall-simulator/pom.xml -Pbenchmark test-compile exec:exec}
 * and optionally {@code -Dbenchmark.args="--threads 8 --seconds 20 --calls 1000000"}.
 */
public final class SimulatorBenchmark {

    public static void main(String[] args) throws Exception {
        int threads = intArg(args, "--threads", 4);
        int seconds = intArg(args, "--seconds", 10);
        int warmupSeconds = intArg(args, "--warmup", 3);
        long calls = intArg(args, "--calls", 1_000_000);

        Instant to = Instant.parse("2026-01-31T00:00:00Z");
        Instant from = to.minus(Duration.ofDays(30));
        try (AircallSimulator simulator = AircallSimulator.builder().unthrottled(true).threads(16)
                .withLoadCompany(b -> b.calls(calls).range(from, to)).start()) {
            String authorization = AircallSimulator.basicAuthorization(LoadDataSet.API_ID, LoadDataSet.API_TOKEN);
            // A window of 6 hours holds ~8,300 calls of a million over 30 days: under the 10k cap.
            long windowSeconds = Math.max(60, (long) (Duration.between(from, to).toSeconds() * 8_000.0 / calls));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(2)).build();

            System.out.printf("Aircall simulator benchmark, %s%n", LocalDate.now());
            System.out.printf("machine: %d cores, JVM %s %s (%s), %s %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    System.getProperty("java.vm.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"));
            System.out.printf("load set: %,d calls; client: %d threads, java.net.http, per_page=50, same JVM as the server%n",
                    calls, threads);

            run(client, simulator.baseUrl(), authorization, from, to, windowSeconds, threads, warmupSeconds);
            Result r = run(client, simulator.baseUrl(), authorization, from, to, windowSeconds, threads, seconds);

            long[] latencies = r.latenciesMicros;
            Arrays.sort(latencies);
            double pagesPerSecond = r.pages / r.seconds;
            System.out.printf("pages: %,d in %.1f s = %,.0f pages/s%n", r.pages, r.seconds, pagesPerSecond);
            System.out.printf("calls: %,d = %,.0f calls/s%n", r.calls, r.calls / r.seconds);
            System.out.printf("bytes: %,.1f MB/s (%,d bytes per page)%n", r.bytes / r.seconds / 1e6, r.bytes / Math.max(1, r.pages));
            System.out.printf("latency: median %.2f ms, p99 %.2f ms%n", latencies[latencies.length / 2] / 1000.0,
                    latencies[(int) (latencies.length * 0.99)] / 1000.0);
            System.out.printf("errors: %d%n", r.errors);
            System.out.println(pagesPerSecond >= 2000 ? "OK: at least 2,000 pages/s" : "BELOW 2,000 pages/s");
            System.exit(0);
        }
    }

    private record Result(long pages, long calls, long bytes, long errors, double seconds, long[] latenciesMicros) {
    }

    private static Result run(HttpClient client, String baseUrl, String authorization, Instant from, Instant to,
                              long windowSeconds, int threads, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> futures = new ArrayList<>();
        List<List<Long>> latencies = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            List<Long> own = new ArrayList<>();
            latencies.add(own);
            futures.add(pool.submit(() -> {
                long pages = 0, calls = 0, bytes = 0, errors = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    long windowFrom = from.getEpochSecond()
                            + random.nextLong(Duration.between(from, to).toSeconds() - windowSeconds);
                    String url = baseUrl + "/v1/calls?from=" + windowFrom + "&to=" + (windowFrom + windowSeconds)
                            + "&order=asc&per_page=50&page=1";
                    // Follow next_page_link through the window, as an ingestion run would.
                    while (url != null && System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", authorization).GET().build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        own.add((System.nanoTime() - t0) / 1000);
                        if (response.statusCode() != 200) {
                            errors++;
                            break;
                        }
                        byte[] body = response.body();
                        pages++;
                        bytes += body.length;
                        calls += metaCount(body);
                        url = nextLink(body);
                    }
                }
                return new long[]{pages, calls, bytes, errors};
            }));
        }
        long pages = 0, calls = 0, bytes = 0, errors = 0;
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            pages += r[0];
            calls += r[1];
            bytes += r[2];
            errors += r[3];
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] all = latencies.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
        return new Result(pages, calls, bytes, errors, elapsed, all.length == 0 ? new long[]{0} : all);
    }

    /** Reads meta.count and next_page_link from the tail of the page, where meta sits. */
    private static int metaCount(byte[] body) {
        String tail = new String(body, Math.max(0, body.length - 2048), Math.min(2048, body.length), StandardCharsets.UTF_8);
        int at = tail.lastIndexOf("\"meta\":{\"count\":");
        int begin = at + "\"meta\":{\"count\":".length();
        int end = tail.indexOf(',', begin);
        return Integer.parseInt(tail.substring(begin, end));
    }

    private static String nextLink(byte[] body) {
        String tail = new String(body, Math.max(0, body.length - 2048), Math.min(2048, body.length), StandardCharsets.UTF_8);
        int at = tail.lastIndexOf("\"next_page_link\":");
        int begin = at + "\"next_page_link\":".length();
        if (tail.startsWith("null", begin)) {
            return null;
        }
        return tail.substring(begin + 1, tail.indexOf('"', begin + 1));
    }

    private static int intArg(String[] args, String name, int defaultValue) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return defaultValue;
    }
}
