package io.airspeed.aircall.simulator.data;

import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.model.SimulatedNumber;
import io.airspeed.aircall.simulator.model.SimulatedTeam;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The "load" data set: {@code calls} calls spread evenly over {@code [from, to)} across {@code users}
 * users ({@code user{k}@load.test}, id {@code firstUserId + k}, k from 1). Mostly long answered recorded
 * calls (80 %), with 8 % short, 6 % missed inbound and 6 % answered without recording, chosen per call
 * from (seed, index). Call i has id {@code firstCallId + i}; nothing is held per call.
 */
public final class LoadDataSet {

    public static final String ID = "load";
    public static final String NAME = "Load test";
    public static final String API_ID = "load-api-id";
    public static final String API_TOKEN = "load-api-token";

    private final String companyId;
    private final String companyName;
    private final String apiId;
    private final String apiToken;
    private final long calls;
    private final int userCount;
    private final Instant from;
    private final Instant to;
    private final long seed;
    private final long firstCallId;
    private final long firstUserId;
    private final RateLimit rateLimit;
    private final List<SimulatedUser> users;
    private final LoadCallSource source;

    private LoadDataSet(Builder b) {
        this.companyId = b.companyId;
        this.companyName = b.companyName;
        this.apiId = b.apiId;
        this.apiToken = b.apiToken;
        this.calls = b.calls;
        this.userCount = b.users;
        this.to = b.to != null ? b.to : b.anchor;
        this.from = b.from != null ? b.from : this.to.minus(Duration.ofDays(30));
        this.seed = b.seed;
        this.firstCallId = b.firstCallId;
        this.firstUserId = b.firstUserId;
        this.rateLimit = b.rateLimit;
        List<SimulatedUser> list = new ArrayList<>(userCount);
        Instant created = Instant.parse("2024-01-01T00:00:00Z");
        for (int k = 1; k <= userCount; k++) {
            list.add(SimulatedUser.of(firstUserId + k, "Load User " + k, "user" + k + "@load.test",
                    created.plus(Duration.ofHours(k))));
        }
        this.users = List.copyOf(list);
        SimulatedNumber recorded =
                new SimulatedNumber(9001, "Load Sales", "+1 415-555-0190", "US", "America/New_York", false, true);
        SimulatedNumber unrecorded =
                new SimulatedNumber(9002, "Load Legal", "+1 415-555-0191", "US", "America/New_York", false, false);
        SimulatedTeam team = new SimulatedTeam(9101, "Load Team", created);
        this.source = new LoadCallSource(calls, from.getEpochSecond(), to.getEpochSecond(), seed, firstCallId,
                users, recorded, unrecorded, team);
    }

    public static Builder builder() {
        return new Builder();
    }

    public CompanySpec spec() {
        return CompanySpec.builder(companyId).name(companyName).credentials(apiId, apiToken).rateLimit(rateLimit)
                .users(users).calls(source).build();
    }

    public CallSource calls() {
        return source;
    }

    public List<SimulatedUser> users() {
        return users;
    }

    public String companyId() { return companyId; }
    public String apiId() { return apiId; }
    public String apiToken() { return apiToken; }
    public long callCount() { return calls; }
    public Instant from() { return from; }
    public Instant to() { return to; }
    public long seed() { return seed; }
    public long firstCallId() { return firstCallId; }

    /** How many calls start in {@code [fromInclusive, toExclusive)} (UNIX seconds). */
    public long countBetween(long fromInclusive, long toExclusive) {
        return Math.max(0, source.countStartedBefore(toExclusive) - source.countStartedBefore(fromInclusive));
    }

    public static final class Builder {
        private String companyId = ID;
        private String companyName = NAME;
        private String apiId = API_ID;
        private String apiToken = API_TOKEN;
        private long calls = 100_000;
        private int users = 50;
        private Instant anchor = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        private Instant from;
        private Instant to;
        private long seed = 42;
        private long firstCallId = 1_000_000_000L;
        private long firstUserId = 50_000;
        private RateLimit rateLimit;

        private Builder() {
        }

        public Builder company(String id, String name) { this.companyId = id; this.companyName = name; return this; }
        public Builder credentials(String apiId, String apiToken) { this.apiId = apiId; this.apiToken = apiToken; return this; }
        public Builder calls(long calls) { this.calls = calls; return this; }
        public Builder users(int users) { this.users = users; return this; }
        /** With no explicit range, the calls cover the 30 days before the anchor. */
        public Builder anchor(Instant anchor) { this.anchor = anchor; return this; }
        public Builder range(Instant from, Instant to) { this.from = from; this.to = to; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder firstCallId(long id) { this.firstCallId = id; return this; }
        public Builder firstUserId(long id) { this.firstUserId = id; return this; }
        public Builder rateLimit(RateLimit rateLimit) { this.rateLimit = rateLimit; return this; }

        public LoadDataSet build() {
            return new LoadDataSet(this);
        }
    }
}
