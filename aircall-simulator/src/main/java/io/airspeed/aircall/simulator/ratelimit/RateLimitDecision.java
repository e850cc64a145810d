package io.airspeed.aircall.simulator.ratelimit;

/** The outcome of one request against a company's budget, with what the X-AircallApi-* headers carry. */
public record RateLimitDecision(boolean allowed, int limit, int remaining, long resetEpochSecond) {

    /** No budget applies: no headers to send. */
    public static final RateLimitDecision UNTHROTTLED = new RateLimitDecision(true, 0, 0, 0);

    public boolean throttled() {
        return limit > 0;
    }
}
