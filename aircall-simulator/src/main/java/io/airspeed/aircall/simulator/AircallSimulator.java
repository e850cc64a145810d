package io.airspeed.aircall.simulator;

import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.company.CounterSnapshot;
import io.airspeed.aircall.simulator.company.CredentialRegistry;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.aircall.simulator.fault.FaultInjector;
import io.airspeed.aircall.simulator.http.AircallApiHandler;
import io.airspeed.aircall.simulator.http.ControlApiHandler;
import io.airspeed.aircall.simulator.http.MediaHandler;
import io.airspeed.aircall.simulator.http.SimulatorHttpServer;
import io.airspeed.aircall.simulator.json.AircallJsonWriter;
import io.airspeed.aircall.simulator.recording.MediaUrls;
import io.airspeed.aircall.simulator.recording.RecordingSigner;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-process stand-in for Aircall's Public API v1 on a real HTTP port, with any number of companies.
 *
 * <pre>{@code
 * try (AircallSimulator sim = AircallSimulator.builder().withDemoCompany().start()) {
 *     URI base = sim.baseUri();                       // http://127.0.0.1:<random port>
 *     sim.company(DemoCompany.ID).faults().failNextWithServerError(2);
 * }
 * }</pre>
 *
 * Everything the control API ({@code /_simulator/...}) does is a method here or on {@link SimulatedCompany}.
 */
public final class AircallSimulator implements AutoCloseable {

    private final String host;
    private final int requestedPort;
    private final int threads;
    private final Clock clock;
    private final long seed;
    private final Instant anchor;
    private final SimulatorSettings settings;
    private final CredentialRegistry credentials = new CredentialRegistry();
    private final FaultInjector faults = new FaultInjector();
    private final SimulatorCounters counters = new SimulatorCounters();
    private final MediaUrls media;
    private final AircallJsonWriter writer;
    private final AtomicLong callIds = new AtomicLong(9_000_000_001L);
    private final Object companiesLock = new Object();
    private volatile Map<String, SimulatedCompany> companies = Map.of();
    private SimulatorHttpServer server;

    private AircallSimulator(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.threads = b.threads;
        this.clock = b.clock;
        this.seed = b.seed;
        this.anchor = b.anchor != null ? b.anchor : clock.instant().truncatedTo(ChronoUnit.SECONDS);
        this.settings = b.settings;
        this.media = new MediaUrls(new RecordingSigner(seed));
        this.writer = new AircallJsonWriter(media);
        if (b.demo) {
            addCompany(DemoCompany.spec(anchor, seed));
        }
        for (Consumer<LoadDataSet.Builder> load : b.loads) {
            LoadDataSet.Builder lb = LoadDataSet.builder().anchor(anchor).seed(seed);
            load.accept(lb);
            addCompany(lb.build().spec());
        }
        b.companies.forEach(this::addCompany);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens the port and starts serving. */
    public synchronized AircallSimulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = new SimulatorHttpServer(host, requestedPort, threads,
                    new AircallApiHandler(credentials, settings, faults, counters, clock, writer),
                    new ControlApiHandler(this, writer),
                    new MediaHandler(media.signer(), counters, clock));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, e);
        }
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** {@code http://<host>:<port>}, the value to configure as the Aircall API base URL. */
    public String baseUrl() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        if (h.contains(":")) {
            h = '[' + h + ']';
        }
        return "http://" + h + ':' + port();
    }

    public URI baseUri() {
        return URI.create(baseUrl());
    }

    public Instant anchor() {
        return anchor;
    }

    public long seed() {
        return seed;
    }

    public Clock clock() {
        return clock;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    // ---- companies ---------------------------------------------------------------------------------

    public SimulatedCompany addCompany(CompanySpec spec) {
        synchronized (companiesLock) {
            if (companies.containsKey(spec.id())) {
                throw new IllegalArgumentException("a company with id " + spec.id() + " already exists");
            }
            SimulatedCompany company = SimulatedCompany.create(spec, settings.defaultRateLimit(), credentials, clock,
                    callIds::getAndIncrement);
            Map<String, SimulatedCompany> next = new LinkedHashMap<>(companies);
            next.put(company.id(), company);
            companies = Collections.unmodifiableMap(next);
            return company;
        }
    }

    /** Removes a company; its credentials stop working at once. */
    public void removeCompany(String companyId) {
        synchronized (companiesLock) {
            SimulatedCompany company = company(companyId);
            company.revokeCredentials();
            Map<String, SimulatedCompany> next = new LinkedHashMap<>(companies);
            next.remove(companyId);
            companies = Collections.unmodifiableMap(next);
        }
    }

    public SimulatedCompany company(String companyId) {
        SimulatedCompany company = companies.get(companyId);
        if (company == null) {
            throw new NoSuchElementException("no company " + companyId);
        }
        return company;
    }

    public Optional<SimulatedCompany> findCompany(String companyId) {
        return Optional.ofNullable(companies.get(companyId));
    }

    public List<SimulatedCompany> companies() {
        return new ArrayList<>(companies.values());
    }

    /** The company of the demo data set (see {@link DemoCompany}). */
    public SimulatedCompany demo() {
        return company(DemoCompany.ID);
    }

    // ---- faults and counters ------------------------------------------------------------------------

    /** Faults served to the next requests of any company (each company also has its own injector). */
    public FaultInjector faults() {
        return faults;
    }

    /** Clears the simulator-wide faults and those of every company. */
    public void clearFaults() {
        faults.clear();
        companies.values().forEach(c -> c.faults().clear());
    }

    public SimulatorCounters.Snapshot counters() {
        return counters.snapshot();
    }

    public Map<String, CounterSnapshot> companyCounters() {
        Map<String, CounterSnapshot> result = new LinkedHashMap<>();
        companies.values().forEach(c -> result.put(c.id(), c.counters()));
        return result;
    }

    /** Resets the simulator-wide counters and those of every company. */
    public void resetCounters() {
        counters.reset();
        companies.values().forEach(SimulatedCompany::resetCounters);
    }

    /** The value of an {@code Authorization} header for Basic credentials. */
    public static String basicAuthorization(String apiId, String apiToken) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((apiId + ':' + apiToken).getBytes(StandardCharsets.UTF_8));
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private int threads = 16;
        private Clock clock = Clock.systemUTC();
        private long seed = 42;
        private Instant anchor;
        private final SimulatorSettings settings = new SimulatorSettings();
        private boolean demo;
        private final List<Consumer<LoadDataSet.Builder>> loads = new ArrayList<>();
        private final List<CompanySpec> companies = new ArrayList<>();

        private Builder() {
        }

        /** Address to bind; default 127.0.0.1 (loopback only). */
        public Builder host(String host) { this.host = host; return this; }
        /** Port to bind; default 0, a free port chosen by the system. */
        public Builder port(int port) { this.port = port; return this; }
        public Builder threads(int threads) { this.threads = threads; return this; }
        public Builder clock(Clock clock) { this.clock = clock; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        /** The instant data sets are placed relative to; default: when the simulator is built. */
        public Builder anchor(Instant anchor) { this.anchor = anchor.truncatedTo(ChronoUnit.SECONDS); return this; }

        public Builder fromInclusive(boolean inclusive) { settings.fromInclusive(inclusive); return this; }
        public Builder toInclusive(boolean inclusive) { settings.toInclusive(inclusive); return this; }
        public Builder rateLimitHeadersOnSuccess(boolean send) { settings.rateLimitHeadersOnSuccess(send); return this; }
        public Builder unthrottled(boolean unthrottled) { settings.unthrottled(unthrottled); return this; }
        public Builder recordingUrlLifetime(Duration lifetime) { settings.recordingUrlLifetime(lifetime); return this; }
        public Builder paginationCap(int cap) { settings.paginationCap(cap); return this; }
        public Builder publicBaseUrl(String baseUrl) { settings.publicBaseUrl(baseUrl); return this; }
        /** Rate limit of companies that bring none of their own (the data sets' companies included). */
        public Builder defaultRateLimit(RateLimit limit) { settings.defaultRateLimit(limit); return this; }

        /** Adds company "Acme demo" ({@link DemoCompany}), placed relative to the anchor. */
        public Builder withDemoCompany() { this.demo = true; return this; }

        /** Adds the load company with {@code calls} calls and the other defaults of {@link LoadDataSet}. */
        public Builder withLoadCompany(long calls) { return withLoadCompany(b -> b.calls(calls)); }

        /** Adds a load company; the builder is preset with this simulator's anchor and seed. */
        public Builder withLoadCompany(Consumer<LoadDataSet.Builder> customizer) { loads.add(customizer); return this; }

        public Builder company(CompanySpec spec) { companies.add(spec); return this; }

        public AircallSimulator build() {
            return new AircallSimulator(this);
        }

        /** Builds and starts. */
        public AircallSimulator start() {
            return build().start();
        }
    }
}
