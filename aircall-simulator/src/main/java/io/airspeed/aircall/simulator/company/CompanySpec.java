package io.airspeed.aircall.simulator.company;

import io.airspeed.aircall.simulator.data.CallSource;
import io.airspeed.aircall.simulator.data.FixedCallSource;
import io.airspeed.aircall.simulator.data.ScenarioCall;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedNumber;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to add a company to a simulator: identity, credentials, rate limit (null: the
 * simulator's default), users and calls. Built by the data sets or by hand.
 */
public final class CompanySpec {

    private final String id;
    private final String name;
    private final String apiId;
    private final String apiToken;
    private final Set<String> bearerTokens;
    private final RateLimit rateLimit;
    private final List<SimulatedUser> users;
    private final CallSource calls;
    private final List<ScenarioCall> scenarios;
    private final SimulatedNumber defaultNumber;

    private CompanySpec(Builder b) {
        this.id = requireSlug(b.id);
        this.name = Objects.requireNonNull(b.name, "name");
        if ((b.apiId == null) != (b.apiToken == null)) {
            throw new IllegalArgumentException("api_id and api_token go together");
        }
        this.apiId = b.apiId;
        this.apiToken = b.apiToken;
        this.bearerTokens = Set.copyOf(b.bearerTokens);
        this.rateLimit = b.rateLimit;
        this.users = List.copyOf(b.users);
        this.calls = b.calls != null ? b.calls : new FixedCallSource(b.fixedCalls);
        this.scenarios = List.copyOf(b.scenarios);
        this.defaultNumber = b.defaultNumber != null ? b.defaultNumber
                : new SimulatedNumber(1, name + " main line", "+1 415-555-0100", "US", "America/New_York",
                false, true);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id).name(name).credentials(apiId, apiToken).rateLimit(rateLimit)
                .users(users).scenarios(scenarios).defaultNumber(defaultNumber);
        b.bearerTokens.addAll(bearerTokens);
        b.calls = calls;
        return b;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String apiId() { return apiId; }
    public String apiToken() { return apiToken; }
    public Set<String> bearerTokens() { return bearerTokens; }
    public RateLimit rateLimit() { return rateLimit; }
    public List<SimulatedUser> users() { return users; }
    public CallSource calls() { return calls; }
    public List<ScenarioCall> scenarios() { return scenarios; }
    public SimulatedNumber defaultNumber() { return defaultNumber; }

    private static String requireSlug(String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("company id must be a slug of letters, digits, '-', '_' or '.': " + id);
        }
        return id;
    }

    public static final class Builder {
        private String id;
        private String name;
        private String apiId;
        private String apiToken;
        private final Set<String> bearerTokens = new LinkedHashSet<>();
        private RateLimit rateLimit;
        private List<SimulatedUser> users = List.of();
        private CallSource calls;
        private final List<SimulatedCall> fixedCalls = new ArrayList<>();
        private List<ScenarioCall> scenarios = List.of();
        private SimulatedNumber defaultNumber;

        private Builder(String id) {
            this.id = id;
            this.name = id;
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder name(String name) { this.name = name; return this; }

        public Builder credentials(String apiId, String apiToken) {
            this.apiId = apiId;
            this.apiToken = apiToken;
            return this;
        }

        public Builder bearerToken(String token) { bearerTokens.add(Objects.requireNonNull(token)); return this; }
        public Builder rateLimit(RateLimit rateLimit) { this.rateLimit = rateLimit; return this; }
        public Builder users(Collection<SimulatedUser> users) { this.users = List.copyOf(users); return this; }

        /** A generated or otherwise pre-built source; replaces calls given with {@link #call}. */
        public Builder calls(CallSource calls) { this.calls = calls; return this; }

        public Builder call(SimulatedCall call) {
            if (calls != null) {
                throw new IllegalStateException("calls already given as a CallSource");
            }
            fixedCalls.add(call);
            return this;
        }

        public Builder scenarios(List<ScenarioCall> scenarios) { this.scenarios = List.copyOf(scenarios); return this; }
        public Builder defaultNumber(SimulatedNumber number) { this.defaultNumber = number; return this; }

        public CompanySpec build() {
            return new CompanySpec(this);
        }
    }
}
