package io.airspeed.aircall.simulator.cli;

import io.airspeed.aircall.simulator.AircallSimulator;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar aircall-simulator.jar --port 8090 --dataset demo}: the simulator as a server. */
public final class SimulatorMain {

    /** The first line printed once listening; scripts wait for it and read the URL from it. */
    public static final String READY_PREFIX = "Aircall simulator listening on ";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AircallSimulator simulator;
        try {
            simulator = launch(args, System.getenv(), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("aircall-simulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (simulator == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop();
            stopped.countDown();
        }, "aircall-simulator-shutdown"));
        stopped.await();
    }

    /** Starts a simulator from flags and environment; null when only help was asked for. */
    public static AircallSimulator launch(String[] args, Map<String, String> env, PrintStream out) {
        SimulatorOptions o = SimulatorOptions.parse(args, env);
        if (o.help()) {
            out.print(SimulatorOptions.usage());
            return null;
        }
        int rateLimit = o.integer("rate-limit");
        AircallSimulator.Builder b = AircallSimulator.builder()
                .host(o.string("host"))
                .port(o.integer("port"))
                .threads(o.integer("threads"))
                .seed(o.longValue("seed"))
                .defaultRateLimit(new RateLimit(rateLimit, o.duration("rate-limit-window")))
                .rateLimitHeadersOnSuccess(o.bool("rate-limit-headers-on-success"))
                .unthrottled(o.bool("unthrottled"))
                .recordingUrlLifetime(o.duration("recording-url-lifetime"))
                .fromInclusive(o.bool("from-inclusive"))
                .toInclusive(o.bool("to-inclusive"))
                .paginationCap(o.integer("pagination-cap"))
                .publicBaseUrl(o.string("public-base-url"));
        Instant anchor = o.instant("anchor");
        if (anchor != null) {
            b.anchor(anchor);
        }
        AircallSimulator simulator = b.build();
        for (String dataset : o.datasets()) {
            switch (dataset) {
                case "demo" -> {
                    var spec = DemoCompany.spec(simulator.anchor(), simulator.seed()).toBuilder()
                            .credentials(o.string("api-id"), o.string("api-token"));
                    if (o.string("bearer-token") != null) {
                        spec.bearerToken(o.string("bearer-token"));
                    }
                    simulator.addCompany(spec.build());
                }
                case "load" -> {
                    LoadDataSet.Builder load = LoadDataSet.builder().anchor(simulator.anchor()).seed(simulator.seed())
                            .calls(o.longValue("load-calls")).users(o.integer("load-users"))
                            .credentials(o.string("load-api-id"), o.string("load-api-token"));
                    Instant from = o.instant("load-from");
                    Instant to = o.instant("load-to");
                    if (from != null || to != null) {
                        Instant end = to != null ? to : simulator.anchor();
                        load.range(from != null ? from : end.minusSeconds(30L * 24 * 3600), end);
                    }
                    simulator.addCompany(load.build().spec());
                }
                case "none", "" -> {
                }
                default -> throw new IllegalArgumentException("unknown data set " + dataset + " (demo, load, none)");
            }
        }
        simulator.start();
        out.println(READY_PREFIX + simulator.baseUrl());
        out.println("  anchor " + simulator.anchor() + ", seed " + simulator.seed()
                + ", rate limit " + (rateLimit == 0 || o.bool("unthrottled") ? "off" : rateLimit + " per "
                + o.duration("rate-limit-window").toSeconds() + " s"));
        for (SimulatedCompany c : simulator.companies()) {
            out.println("  company " + c.id() + " (" + c.name() + "): api_id " + c.apiId() + ", api_token "
                    + c.apiToken() + ", " + c.calls().size() + " calls, " + c.users().all().size() + " users");
        }
        out.println("  control API: " + simulator.baseUrl() + "/_simulator");
        out.flush();
        return simulator;
    }
}
