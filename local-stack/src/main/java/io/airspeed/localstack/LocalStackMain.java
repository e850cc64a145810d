package io.airspeed.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.AircallSimulator;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.localstack.api.DevTokens;
import io.airspeed.aircall.simulator.data.ScenarioCall;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.demo.DemoOrg;
import io.airspeed.localstack.demo.DemoOrgBootstrap;
import io.airspeed.localstack.demo.DemoOrgBootstrap.DemoIngestion;
import io.airspeed.localstack.demo.IngestionReport;
import io.airspeed.localstack.process.Ports;
import io.airspeed.localstack.process.ServiceProcess;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./run.sh}: the whole of Airspeed on the spec's ports, the demo org bootstrapped and one
 * ingestion reported. See {@link #USAGE}.
 */
public final class LocalStackMain {

    static final String USAGE = """
            Usage: ./run.sh [--once] [--no-demo] [--simulator] [--help]

              (no option)   start PostgreSQL, the Aircall simulator (demo data set) and the three services on
                            8081/8082/8083, bootstrap the demo org, run one ingestion, print the report and
                            tokens, then stay up until Ctrl-C
              --once        the same, then stop everything and exit 0
              --no-demo     the services only: no demo org, no ingestion, no simulator (unless --simulator)
              --simulator   with --no-demo: start the bundled simulator anyway (demo data set)

            Environment:
              AIRCALL_API_BASE_URL   another Aircall API instead of the bundled simulator (synonym of
                                     INGEST_AIRCALL_BASE_URL); the demo then connects with AIRCALL_API_ID /
                                     AIRCALL_API_TOKEN (default demo-api-id / demo-api-token)
              AIRSPEED_POSTGRES_URL  an external PostgreSQL, postgresql://user:password@host:5432, instead of
                                     the embedded one; databases users, ingest, visibility are created on it
                                     (AIRSPEED_DB_PREFIX prefixes their names)
              AIRCALL_SIM_PORT       port of the bundled simulator (default 8090)
              AIRSPEED_SERVICE_JAVA_OPTS  JVM options of the services (default "-Xmx512m -XX:+UseSerialGC")
              Any other variable (INGEST_*, LOG_JSON, CORS_ORIGINS, ...) is passed on to the services.
            """;

    private static final String DEMO_ORG_NAME = "Acme demo";
    private static final List<String> DEMO_MEMBERS = List.of("bob@acme.test", "carol@acme.test", "dave@acme.test", "frank@acme.test");

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    private LocalStackMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        List<String> options = Arrays.asList(args);
        if (options.contains("--help") || options.contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        for (String option : options) {
            if (!List.of("--once", "--no-demo", "--simulator").contains(option)) {
                System.err.println("Unknown option: " + option);
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        int status = new LocalStackMain(System.out).run(options.contains("--once"), !options.contains("--no-demo"),
                options.contains("--simulator"), System.getenv());
        if (status != 0 || options.contains("--once")) {
            System.exit(status);
        }
    }

    int run(boolean once, boolean demo, boolean simulatorAsked, Map<String, String> env) {
        // Registered first, so that Ctrl-C at any moment after the stack is up stops it and says so.
        AtomicReference<LocalStack> running = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            LocalStack stack = running.getAndSet(null);
            if (stack != null) {
                out.println();
                step("Stopping Airspeed (services, simulator, PostgreSQL)...");
                stack.close();
                step("Stopped cleanly.");
            }
        }, "local-stack-main-shutdown"));

        LocalStack stack;
        try {
            stack = start(demo, simulatorAsked, env);
        } catch (RuntimeException e) {
            out.println();
            out.println("ERROR: " + e.getMessage());
            out.println("Nothing is left running.");
            return 1;
        }
        running.set(stack);
        try {
            if (demo) {
                demo(stack, env);
            } else {
                noDemo(stack);
            }
            urls(stack);
        } catch (RuntimeException e) {
            out.println();
            out.println("ERROR: " + e.getMessage());
            out.println("Service logs: " + LocalStack.displayPath(stack.logDirectory()));
            if (running.getAndSet(null) != null) {
                stack.close();
            }
            return 1;
        }
        if (once) {
            if (running.getAndSet(null) != null) {
                step("--once: stopping everything");
                stack.close();
                step("Stopped cleanly.");
            }
            return 0;
        }
        stayUp(stack, stopping);
        return 0;
    }

    private LocalStack start(boolean demo, boolean simulatorAsked, Map<String, String> env) {
        out.println("Airspeed local stack (Ctrl-C stops everything)");
        LocalStack.Builder builder = LocalStack.builder().defaultPorts().progress(this::step);
        String aircall = firstNonBlank(env.get("AIRCALL_API_BASE_URL"), env.get("INGEST_AIRCALL_BASE_URL"));
        if (aircall != null) {
            builder.aircallBaseUrl(aircall);
        } else if (demo || simulatorAsked) {
            int simulatorPort = Integer.parseInt(env.getOrDefault("AIRCALL_SIM_PORT", "8090"));
            Ports.requireFree(simulatorPort, "the Aircall simulator");
            builder.simulator(simulator -> simulator.port(simulatorPort).withDemoCompany());
        } else {
            builder.noSimulator();
        }
        String postgres = env.get("AIRSPEED_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            builder.postgresUrl(postgres);
        }
        builder.databasePrefix(env.getOrDefault("AIRSPEED_DB_PREFIX", ""));
        String javaOptions = env.get("AIRSPEED_SERVICE_JAVA_OPTS");
        if (javaOptions != null && !javaOptions.isBlank()) {
            builder.javaOptions(Arrays.asList(javaOptions.trim().split("\\s+")));
        }
        if (demo && env.get("INGEST_INITIAL_LOOKBACK") == null) {
            builder.env(Service.INGEST, "INGEST_INITIAL_LOOKBACK", DemoOrgBootstrap.DEMO_INITIAL_LOOKBACK);
        }
        return builder.start();
    }

    private void demo(LocalStack stack, Map<String, String> env) {
        AirspeedApi api = stack.api();
        DemoOrgBootstrap bootstrap = new DemoOrgBootstrap(api);
        step("Demo org \"" + DEMO_ORG_NAME + "\": admin alice@acme.test, members bob, carol (Viewer seat), dave (alias "
                + "dave.sales@acme.test), frank (Aircall user 1007), grace (deactivated)");
        DemoOrg org = bootstrap.create(DEMO_ORG_NAME);
        boolean bundled = stack.findSimulator().isPresent();
        String apiId = bundled ? DemoCompany.API_ID : env.getOrDefault("AIRCALL_API_ID", DemoCompany.API_ID);
        String apiToken = bundled ? DemoCompany.API_TOKEN : env.getOrDefault("AIRCALL_API_TOKEN", DemoCompany.API_TOKEN);
        step("Connecting Aircall (" + apiId + "), backfilling the last " + DemoOrgBootstrap.DEMO_BACKFILL.toDays()
                + " days, then one scheduled ingestion run");
        DemoIngestion ingestion = bootstrap.ingest(org, apiId, apiToken);
        step("Ingestion done");
        if (bundled) {
            makePrivateWorthyCallPrivate(api, org);
        }
        List<ScenarioCall> scenarios = bundled ? DemoCompany.scenarios() : List.of();
        IngestionReport report = new IngestionReport(api, scenarios);
        String aircall = bundled ? stack.aircallBaseUrl() + " (bundled simulator, company \"" + DemoCompany.NAME + "\")"
                : stack.aircallBaseUrl();
        out.println();
        out.print(report.render(org, ingestion, aircall));
        out.println();
        out.print(report.renderVisibility(org, DEMO_MEMBERS));
        out.println();
        out.println("User tokens (dev key dev/jwt/private.pem, issuer airspeed-dev, valid 12 h):");
        out.println("  ADMIN  alice@acme.test (org " + org.orgId() + ")");
        out.println("  " + org.adminToken());
        out.println("  MEMBER bob@acme.test");
        out.println("  " + org.memberToken("bob@acme.test"));
        out.println("  Try:  curl -s -H \"Authorization: Bearer <token>\" http://localhost:" + stack.service(Service.VISIBILITY).port()
                + "/api/calls");
        out.println("        curl -s -H \"Authorization: Bearer <admin token>\" 'http://localhost:"
                + stack.service(Service.INGEST).port() + "/api/ingestion/decisions?outcome=SKIPPED'");
    }

    /** Alice took part in the "private-worthy" call (tagged hr): she hides it, as rule 5 lets a participant do. */
    private void makePrivateWorthyCallPrivate(AirspeedApi api, DemoOrg org) {
        long aircallId = DemoCompany.callId(DemoCompany.PRIVATE_WORTHY);
        String alice = org.adminToken();
        for (JsonNode call : api.allCalls(alice)) {
            if (call.path("aircallCallId").asLong() == aircallId) {
                api.changeVisibility(alice, UUID.fromString(call.path("id").asText()), "PRIVATE").expect(200);
                step("Alice made call " + aircallId + " (" + DemoCompany.PRIVATE_WORTHY + ", tagged hr) PRIVATE");
                return;
            }
        }
    }

    private void noDemo(LocalStack stack) {
        out.println();
        out.println("No demo data (--no-demo). A service token (dev/service-jwt, issuer " + DevTokens.SERVICE_ISSUER
                + ", audience " + DevTokens.SERVICE_AUDIENCE + "), to bootstrap an org with POST /internal/orgs:");
        out.println("  " + stack.tokens().service());
        out.println("  curl -s -X POST -H \"Authorization: Bearer <token>\" -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"name\":\"Acme\",\"admin\":{\"email\":\"admin@acme.test\",\"name\":\"Admin\"}}' http://localhost:"
                + stack.service(Service.USERS).port() + "/internal/orgs");
        stack.findSimulator().ifPresent(simulator -> out.println("Aircall simulator: " + simulator.baseUrl()
                + " (demo-api-id / demo-api-token; control API under /_simulator)"));
    }

    private void urls(LocalStack stack) {
        out.println();
        out.println("OpenAPI and Swagger UI:");
        for (Service service : Service.values()) {
            int port = stack.service(service).port();
            out.printf("  %-19s http://localhost:%d/q/swagger-ui   http://localhost:%d/q/openapi%n", service.module(), port, port);
        }
        out.println("Service output: " + LocalStack.displayPath(stack.logDirectory()) + "/<service>.log");
        stack.findSimulator().map(AircallSimulator::baseUrl).ifPresent(url -> out.println("Aircall simulator: " + url
                + " (control API: " + url + "/_simulator)"));
    }

    private void stayUp(LocalStack stack, AtomicBoolean stopping) {
        for (Service service : Service.values()) {
            ServiceProcess process = stack.service(service);
            process.onExit().thenAccept(p -> {
                if (!stopping.get()) {
                    out.println("WARNING: " + process.name() + " exited with code " + p.exitValue() + "; see " + process.logFile());
                }
            });
        }
        out.println();
        step("Airspeed is up. Press Ctrl-C to stop.");
        try {
            // The shutdown hook does the stopping; this thread only has to stay alive until then.
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void step(String message) {
        out.printf("[%5.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, message);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
