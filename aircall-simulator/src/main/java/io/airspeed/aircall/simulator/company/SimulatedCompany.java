package io.airspeed.aircall.simulator.company;

import io.airspeed.aircall.simulator.data.CompanyCallStore;
import io.airspeed.aircall.simulator.data.ScenarioCall;
import io.airspeed.aircall.simulator.fault.FaultInjector;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedNumber;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;
import io.airspeed.aircall.simulator.ratelimit.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * One Aircall company (account) inside the simulator: its credentials, calls, users, rate-limit budget,
 * injected faults and counters. Every method is safe to call while the simulator serves requests.
 */
public final class SimulatedCompany {

    private final String id;
    private final String name;
    private final CredentialRegistry registry;
    private final Clock clock;
    private final LongSupplier callIds;
    private final CompanyCallStore calls;
    private final UserDirectory users;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults = new FaultInjector();
    private final CompanyCounters counters = new CompanyCounters();
    private final List<ScenarioCall> scenarios;
    private final SimulatedNumber defaultNumber;

    private String apiId;
    private String apiToken;
    private final Set<String> bearerTokens = new LinkedHashSet<>();

    private SimulatedCompany(CompanySpec spec, RateLimit defaultRateLimit, CredentialRegistry registry, Clock clock,
                            LongSupplier callIds) {
        this.id = spec.id();
        this.name = spec.name();
        this.registry = registry;
        this.clock = clock;
        this.callIds = callIds;
        this.calls = new CompanyCallStore(spec.calls());
        this.users = new UserDirectory(spec.users());
        this.rateLimiter = new RateLimiter(spec.rateLimit() != null ? spec.rateLimit() : defaultRateLimit);
        this.scenarios = spec.scenarios();
        this.defaultNumber = spec.defaultNumber();
    }

    /** Registers the spec's credentials; separate from construction so a clash leaves nothing half-registered. */
    private void registerCredentials(CompanySpec spec) {
        if (spec.apiId() != null) {
            rotateCredentials(spec.apiId(), spec.apiToken());
        }
        spec.bearerTokens().forEach(this::addBearerToken);
    }

    public static SimulatedCompany create(CompanySpec spec, RateLimit defaultRateLimit, CredentialRegistry registry,
                                          Clock clock, LongSupplier callIds) {
        SimulatedCompany company = new SimulatedCompany(spec, defaultRateLimit, registry, clock, callIds);
        try {
            company.registerCredentials(spec);
        } catch (RuntimeException clash) {
            company.revokeCredentials();
            throw clash;
        }
        return company;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    // ---- credentials -------------------------------------------------------------------------------

    public synchronized String apiId() {
        return apiId;
    }

    public synchronized String apiToken() {
        return apiToken;
    }

    public synchronized Set<String> bearerTokens() {
        return Set.copyOf(bearerTokens);
    }

    /** Replaces the Basic credentials: the old pair answers 403 from now on. */
    public synchronized void rotateCredentials(String newApiId, String newApiToken) {
        if (newApiId == null || newApiId.isBlank() || newApiToken == null || newApiToken.isBlank()) {
            throw new IllegalArgumentException("api_id and api_token must not be blank");
        }
        String oldKey = apiId == null ? null : CredentialRegistry.basicKey(apiId, apiToken);
        registry.replace(this, oldKey, CredentialRegistry.basicKey(newApiId, newApiToken));
        apiId = newApiId;
        apiToken = newApiToken;
    }

    /** Removes the Basic credentials and every Bearer token: all of them answer 403 from now on. */
    public synchronized void revokeCredentials() {
        if (apiId != null) {
            registry.replace(this, CredentialRegistry.basicKey(apiId, apiToken), null);
            apiId = null;
            apiToken = null;
        }
        for (String token : List.copyOf(bearerTokens)) {
            revokeBearerToken(token);
        }
    }

    public synchronized void addBearerToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        registry.replace(this, null, CredentialRegistry.bearerKey(token));
        bearerTokens.add(token);
    }

    public synchronized void revokeBearerToken(String token) {
        if (bearerTokens.remove(token)) {
            registry.replace(this, CredentialRegistry.bearerKey(token), null);
        }
    }

    // ---- calls and users -------------------------------------------------------------------------------

    public CompanyCallStore calls() {
        return calls;
    }

    /** The call as it stands now, or null. */
    public SimulatedCall call(long callId) {
        return calls.findById(callId);
    }

    /** A fresh id, unique in this simulator. */
    public long nextCallId() {
        long candidate;
        do {
            candidate = callIds.getAsLong();
        } while (calls.findById(candidate) != null);
        return candidate;
    }

    /** A builder preset with a fresh id and this company's default line. */
    public SimulatedCall.Builder newCall() {
        return SimulatedCall.builder().id(nextCallId()).number(defaultNumber);
    }

    public SimulatedNumber defaultNumber() {
        return defaultNumber;
    }

    public SimulatedCall addCall(SimulatedCall call) {
        calls.add(call);
        return call;
    }

    /**
     * Aircall no longer has the call (deleted, or aged out of the history the API serves): it leaves
     * every list and {@code GET /v1/calls/{id}} answers 404. Calls added at run time only.
     */
    public void removeCall(long callId) {
        calls.remove(callId);
    }

    public SimulatedCall updateCall(long callId, UnaryOperator<SimulatedCall> change) {
        return calls.update(callId, change);
    }

    /**
     * Ends an in-progress call at {@code endedAt}; its recording becomes available {@code recordingDelay}
     * later, or never when the delay is null.
     */
    public SimulatedCall finishCall(long callId, Instant endedAt, Duration recordingDelay) {
        long ended = endedAt.getEpochSecond();
        return updateCall(callId, c -> {
            if (c.endedAt() != null) {
                throw new IllegalStateException("call " + callId + " has already ended");
            }
            return c.toBuilder().endedAt(ended)
                    .recordingAvailableAt(recordingDelay == null || c.answeredAt() == null
                            ? null : ended + recordingDelay.toSeconds())
                    .build();
        });
    }

    /** Ends an in-progress call now, with its recording available at once. */
    public SimulatedCall finishCallNow(long callId) {
        return finishCall(callId, clock.instant(), Duration.ZERO);
    }

    /** Makes the call's recording downloadable from now on (a late recording arriving). */
    public SimulatedCall attachRecordingNow(long callId) {
        long now = clock.instant().getEpochSecond();
        return updateCall(callId, c -> c.toBuilder().recordingAvailableAt(now).build());
    }

    public UserDirectory users() {
        return users;
    }

    public void addUser(SimulatedUser user) {
        users.add(user);
    }

    public List<ScenarioCall> scenarios() {
        return scenarios;
    }

    // ---- rate limit, faults, counters -----------------------------------------------------------------

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public RateLimit rateLimit() {
        return rateLimiter.limit();
    }

    public void setRateLimit(RateLimit limit) {
        rateLimiter.setLimit(limit);
    }

    public FaultInjector faults() {
        return faults;
    }

    public CompanyCounters meter() {
        return counters;
    }

    public CounterSnapshot counters() {
        return counters.snapshot();
    }

    public void resetCounters() {
        counters.reset();
    }
}
