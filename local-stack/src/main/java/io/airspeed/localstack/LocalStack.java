package io.airspeed.localstack;

import io.airspeed.aircall.simulator.AircallSimulator;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.api.ApiClient;
import io.airspeed.localstack.api.DevTokens;
import io.airspeed.localstack.postgres.DatabaseServer;
import io.airspeed.localstack.process.Ports;
import io.airspeed.localstack.process.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The whole of Airspeed on one machine: one PostgreSQL (embedded or external) with a database per
 * service, the Aircall simulator in this JVM (unless another Aircall API is named), and the three
 * packaged services as child processes wired to each other. {@code ./run.sh} uses it with the
 * spec's ports; system tests and benchmarks use it with random ports.
 *
 * <p>Closing it stops everything it started; a JVM shutdown hook does the same on Ctrl-C, because
 * child processes outlive a JVM that forgets them.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * The JVM flags the services ship with (also in every {@code Dockerfile.jvm}, a deployment test
     * keeps them equal): one GC thread's worth of collector, heap and metaspace sized from the
     * measured figures (benchmarks/README.md).
     */
    public static final List<String> SERVICE_JAVA_OPTIONS = readServiceJavaOptions();


    /** Dev-only AES-256 key for Aircall credentials at rest (the services' own %dev value). */
    public static final String DEV_CREDENTIALS_KEY = "ZGV2LW9ubHktY3JlZGVudGlhbHMta2V5LTMyYnl0ZXM=";

    private final Path root;
    private final Path logDirectory;
    private final DatabaseServer database;
    private final AircallSimulator simulator;
    private final String aircallBaseUrl;
    private final Map<Service, ServiceProcess> services;
    private final Map<Service, String> databaseNames;
    private final DevTokens tokens;
    private final AirspeedApi api;
    private final Teardown teardown;

    private LocalStack(Path root, Path logDirectory, DatabaseServer database, AircallSimulator simulator,
                       String aircallBaseUrl, Map<Service, ServiceProcess> services, Map<Service, String> databaseNames,
                       Teardown teardown) {
        this.root = root;
        this.logDirectory = logDirectory;
        this.database = database;
        this.simulator = simulator;
        this.aircallBaseUrl = aircallBaseUrl;
        this.services = services;
        this.databaseNames = databaseNames;
        this.teardown = teardown;
        this.tokens = DevTokens.fromRepository(root);
        this.api = new AirspeedApi(new ApiClient(), tokens, url(Service.USERS), url(Service.INGEST), url(Service.VISIBILITY));
    }

    public static Builder builder() {
        return new Builder();
    }

    public ServiceProcess service(Service service) {
        return services.get(service);
    }

    public String url(Service service) {
        return services.get(service).baseUrl();
    }

    /** The bundled simulator; fails when the stack talks to another Aircall API. */
    public AircallSimulator simulator() {
        return findSimulator().orElseThrow(() -> new IllegalStateException("This stack uses the Aircall API at "
                + aircallBaseUrl + ", not the bundled simulator"));
    }

    public Optional<AircallSimulator> findSimulator() {
        return Optional.ofNullable(simulator);
    }

    /** The Aircall API ingest-service talks to; null when none was given (services-only stack). */
    public String aircallBaseUrl() {
        return aircallBaseUrl;
    }

    public DatabaseServer database() {
        return database;
    }

    public String databaseName(Service service) {
        return databaseNames.get(service);
    }

    public DevTokens tokens() {
        return tokens;
    }

    public AirspeedApi api() {
        return api;
    }

    public Path root() {
        return root;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Stops the services (in parallel, gracefully), the simulator and the database. Idempotent. */
    @Override
    public void close() {
        teardown.run();
    }

    /**
     * Stops what was started, once, whoever asks first (close() or the shutdown hook); a second
     * caller waits until the first has finished, so "stopped" is only said when it is true.
     */
    private static final class Teardown implements Runnable {

        private final Map<Service, ServiceProcess> services;
        private volatile AircallSimulator simulator;
        private volatile DatabaseServer database;
        private final Thread hook = new Thread(this, "local-stack-shutdown");
        private boolean done;

        Teardown(Map<Service, ServiceProcess> services) {
            this.services = services;
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public synchronized void run() {
            if (done) {
                return;
            }
            done = true;
            if (Thread.currentThread() != hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // The hook runs too and finds the work done.
                }
            }
            List<CompletableFuture<Void>> stopping = new ArrayList<>();
            services.values().forEach(service -> stopping.add(CompletableFuture.runAsync(service::stop)));
            stopping.forEach(CompletableFuture::join);
            if (simulator != null) {
                simulator.stop();
            }
            if (database != null) {
                database.close();
            }
        }
    }

    /**
     * The repository root: the {@code airspeed.repository.root} system property, or the first
     * directory at or above the working directory that holds {@code dev/jwt/private.pem}.
     */
    public static Path findRepositoryRoot() {
        String configured = System.getProperty("airspeed.repository.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("dev/jwt/private.pem")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the Airspeed repository (dev/jwt/private.pem) at or above "
                + Path.of("").toAbsolutePath() + "; set -Dairspeed.repository.root");
    }

    public static Path serviceJar(Path root, Service service) {
        return root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public static final class Builder {

        private Path root;
        private Path logDirectory;
        private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
        private Consumer<AircallSimulator.Builder> simulatorSetup = b -> b.withDemoCompany();
        private boolean withSimulator = true;
        private String externalAircallUrl;
        private String externalPostgresUrl;
        private final Map<String, String> postgresConfig = new LinkedHashMap<>(Map.of(
                "max_connections", "300", "fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
        private String databasePrefix = "";
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<Service, Map<String, String>> serviceEnvironment = new EnumMap<>(Service.class);
        private List<String> javaOptions = SERVICE_JAVA_OPTIONS;
        private Consumer<String> progress = line -> { };
        private boolean parallelStart = true;
        private Duration readyTimeout = Duration.ofMinutes(3);

        private Builder() {
        }

        public Builder root(Path root) {
            this.root = root.toAbsolutePath().normalize();
            return this;
        }

        /** Where each service's output goes ({@code <service>.log}); default {@code local-stack/target/logs}. */
        public Builder logDirectory(Path logDirectory) {
            this.logDirectory = logDirectory.toAbsolutePath().normalize();
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(Service service, int port) {
            ports.put(service, port);
            return this;
        }

        /** The product spec's ports: 8081, 8082, 8083. */
        public Builder defaultPorts() {
            for (Service service : Service.values()) {
                ports.put(service, service.defaultPort());
            }
            return this;
        }

        /** The bundled simulator, set up by {@code setup} (port 0 and no company unless it says otherwise). */
        public Builder simulator(Consumer<AircallSimulator.Builder> setup) {
            this.simulatorSetup = setup;
            this.withSimulator = true;
            this.externalAircallUrl = null;
            return this;
        }

        /** No Aircall at all: ingest-service keeps its configured base URL. */
        public Builder noSimulator() {
            this.withSimulator = false;
            return this;
        }

        /** Another Aircall API (a real one, or a simulator started elsewhere) instead of the bundled simulator. */
        public Builder aircallBaseUrl(String url) {
            this.externalAircallUrl = url;
            this.withSimulator = false;
            return this;
        }

        /** An external PostgreSQL ({@code postgresql://user:password@host:port}) instead of the embedded one. */
        public Builder postgresUrl(String url) {
            this.externalPostgresUrl = url;
            return this;
        }

        /** An embedded-server setting ({@code postgres -c name=value}). */
        public Builder postgresSetting(String name, String value) {
            postgresConfig.put(name, value);
            return this;
        }

        /** Prefix of the three database names, so several stacks can share one external server. */
        public Builder databasePrefix(String prefix) {
            this.databasePrefix = prefix;
            return this;
        }

        /** An environment variable for every service (wins over the stack's own settings). */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder env(Service service, String name, String value) {
            serviceEnvironment.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public Builder javaOptions(List<String> options) {
            this.javaOptions = List.copyOf(options);
            return this;
        }

        /** Receives one human-readable line per step while the stack starts. */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /** Start the services one after the other (each one's time to ready then stands alone). */
        public Builder sequentialStart() {
            this.parallelStart = false;
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public LocalStack start() {
            Path repo = root != null ? root : findRepositoryRoot();
            Path logs = logDirectory != null ? logDirectory : repo.resolve("local-stack/target/logs");
            for (Service service : Service.values()) {
                Path jar = serviceJar(repo, service);
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(service.module() + " is not built: " + jar + " is missing. "
                            + "Build it from the repository root with: mvn -DskipTests install");
                }
            }
            Map<Service, Integer> chosen = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                int port = ports.getOrDefault(service, 0);
                if (port == 0) {
                    port = Ports.freePort();
                } else {
                    Ports.requireFree(port, service.module());
                }
                chosen.put(service, port);
            }

            for (Service service : Service.values()) {
                try {
                    // Each start of the stack begins its logs afresh; restarts of one service append.
                    Files.deleteIfExists(logs.resolve(service.module() + ".log"));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot reset the log of " + service.module(), e);
                }
            }
            Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
            Teardown teardown = new Teardown(processes);
            try {
                long t0 = System.nanoTime();
                DatabaseServer database = externalPostgresUrl == null ? DatabaseServer.embedded(postgresConfig)
                        : DatabaseServer.external(externalPostgresUrl);
                teardown.database = database;
                Map<Service, String> names = new EnumMap<>(Service.class);
                for (Service service : Service.values()) {
                    String name = databasePrefix + service.database();
                    database.createDatabase(name);
                    names.put(service, name);
                }
                progress.accept((database.isEmbedded() ? "Embedded PostgreSQL " : "External PostgreSQL ")
                        + database.version() + " on " + database.host() + ":" + database.port() + ", databases "
                        + String.join(", ", names.values()) + " (" + seconds(t0) + ")");

                AircallSimulator simulator = null;
                String aircall = externalAircallUrl;
                if (withSimulator) {
                    AircallSimulator.Builder simulatorBuilder = AircallSimulator.builder();
                    simulatorSetup.accept(simulatorBuilder);
                    simulator = simulatorBuilder.start();
                    teardown.simulator = simulator;
                    aircall = simulator.baseUrl();
                    progress.accept("Aircall simulator on " + aircall + " (companies: " + simulator.companies().stream()
                            .map(c -> c.id()).reduce((a, b) -> a + ", " + b).orElse("none") + ")");
                } else if (aircall != null) {
                    progress.accept("Aircall API: " + aircall + " (not the bundled simulator)");
                }

                for (Service service : Service.values()) {
                    processes.put(service, new ServiceProcess(service.module(), serviceJar(repo, service), chosen.get(service),
                            environmentOf(service, repo, database, names.get(service), aircall, chosen),
                            javaOptions, logs.resolve(service.module() + ".log")));
                }
                progress.accept("Starting " + processes.values().stream()
                        .map(p -> p.name() + " :" + p.port()).reduce((a, b) -> a + ", " + b).orElse("")
                        + " (output in " + displayPath(logs) + "/<service>.log)");
                startServices(processes);
                return new LocalStack(repo, logs, database, simulator, aircall, processes, names, teardown);
            } catch (RuntimeException e) {
                teardown.run();
                throw e;
            }
        }

        private void startServices(Map<Service, ServiceProcess> processes) {
            if (!parallelStart) {
                for (ServiceProcess process : processes.values()) {
                    process.startAndAwaitReady(readyTimeout);
                    progress.accept("  " + process.name() + " ready in " + seconds(process.timeToReady()));
                }
                return;
            }
            processes.values().forEach(ServiceProcess::start);
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (ServiceProcess process : processes.values()) {
                ready.add(CompletableFuture.runAsync(() -> {
                    process.awaitReady(readyTimeout);
                    progress.accept("  " + process.name() + " ready on " + process.baseUrl() + " in " + seconds(process.timeToReady()));
                }));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new));
            long t0 = System.nanoTime();
            while (true) {
                try {
                    all.get(10, TimeUnit.SECONDS);
                    return;
                } catch (TimeoutException stillStarting) {
                    List<String> waiting = new ArrayList<>();
                    int i = 0;
                    for (ServiceProcess process : processes.values()) {
                        if (!ready.get(i++).isDone()) {
                            waiting.add(process.name());
                        }
                    }
                    progress.accept("  still starting after " + seconds(t0) + ": " + String.join(", ", waiting));
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while the services were starting", e);
                }
            }
        }

        private Map<String, String> environmentOf(Service service, Path repo, DatabaseServer database, String databaseName,
                                                  String aircall, Map<Service, Integer> chosen) {
            Map<String, String> env = new LinkedHashMap<>();
            // Overridable from the caller's environment: the stack only fills in what is missing.
            defaultTo(env, "QUARKUS_HTTP_HOST", "127.0.0.1");
            if (service == Service.INGEST) {
                defaultTo(env, "INGEST_CREDENTIALS_KEY", DEV_CREDENTIALS_KEY);
            }
            // The stack's wiring: always these.
            env.put("QUARKUS_HTTP_PORT", Integer.toString(chosen.get(service)));
            env.put("DB_REACTIVE_URL", database.reactiveUrl(databaseName));
            env.put("DB_JDBC_URL", database.jdbcUrl(databaseName));
            env.put("DB_USERNAME", database.user());
            env.put("DB_PASSWORD", database.password());
            // The services run their prod profile: give them the dev issuers, keys and audience.
            env.put("QUARKUS_OIDC_TOKEN_ISSUER", DevTokens.ISSUER);
            env.put("QUARKUS_OIDC_PUBLIC_KEY", read(repo.resolve("dev/jwt/public.pem")));
            env.put("QUARKUS_OIDC_SERVICE_TOKEN_ISSUER", DevTokens.SERVICE_ISSUER);
            env.put("QUARKUS_OIDC_SERVICE_TOKEN_AUDIENCE", DevTokens.SERVICE_AUDIENCE);
            env.put("QUARKUS_OIDC_SERVICE_PUBLIC_KEY", read(repo.resolve("dev/service-jwt/public.pem")));
            if (service == Service.INGEST) {
                // ingest-service signs its service tokens with the service key only.
                env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", repo.resolve("dev/service-jwt/private.pem").toString());
                env.put("USERS_SERVICE_URL", "http://127.0.0.1:" + chosen.get(Service.USERS));
                env.put("VISIBILITY_SERVICE_URL", "http://127.0.0.1:" + chosen.get(Service.VISIBILITY));
                if (aircall != null) {
                    env.put("INGEST_AIRCALL_BASE_URL", aircall);
                }
            }
            if (service == Service.USERS) {
                // users-service signs the service tokens of its roster change feed with the service key too.
                env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", repo.resolve("dev/service-jwt/private.pem").toString());
                env.put("INGEST_SERVICE_URL", "http://127.0.0.1:" + chosen.get(Service.INGEST));
                env.put("VISIBILITY_SERVICE_URL", "http://127.0.0.1:" + chosen.get(Service.VISIBILITY));
            }
            env.putAll(environment);
            env.putAll(serviceEnvironment.getOrDefault(service, Map.of()));
            return env;
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }

        private static void defaultTo(Map<String, String> env, String name, String value) {
            String fromCaller = System.getenv(name);
            env.put(name, fromCaller == null || fromCaller.isBlank() ? value : fromCaller);
        }
    }

    static String seconds(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    static String seconds(Duration duration) {
        return duration == null ? "?" : String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    static String displayPath(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }

    private static List<String> readServiceJavaOptions() {
        try (var in = LocalStack.class.getResourceAsStream("/service-jvm.options")) {
            if (in == null) {
                throw new IllegalStateException("service-jvm.options is missing from local-stack's classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
