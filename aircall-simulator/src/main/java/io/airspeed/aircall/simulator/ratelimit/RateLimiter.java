package io.airspeed.aircall.simulator.ratelimit;

/**
 * A fixed window per company that opens with the first request after the previous one closed.
 * Refused requests do not use budget. The reset is rounded up to the next whole second, so a client that
 * sleeps until {@code X-AircallApi-Reset} always finds the window reopened.
 */
public final class RateLimiter {

    private volatile RateLimit limit;
    private long windowStartMillis;
    private boolean windowOpen;
    private int used;

    public RateLimiter(RateLimit limit) {
        this.limit = limit;
    }

    public RateLimit limit() {
        return limit;
    }

    public synchronized void setLimit(RateLimit limit) {
        this.limit = limit;
        this.windowOpen = false;
    }

    public synchronized RateLimitDecision acquire(long nowMillis) {
        RateLimit current = limit;
        if (current.unlimited()) {
            return RateLimitDecision.UNTHROTTLED;
        }
        long windowMillis = current.window().toMillis();
        if (!windowOpen || nowMillis >= windowStartMillis + windowMillis) {
            windowOpen = true;
            windowStartMillis = nowMillis;
            used = 0;
        }
        long reset = Math.floorDiv(windowStartMillis + windowMillis + 999, 1000);
        if (used >= current.requests()) {
            return new RateLimitDecision(false, current.requests(), 0, reset);
        }
        used++;
        return new RateLimitDecision(true, current.requests(), current.requests() - used, reset);
    }

    /** What a forced 429 (a fault) reports: the budget looks spent until a full window from now. */
    public RateLimitDecision exhausted(long nowMillis) {
        RateLimit current = limit;
        int requests = current.unlimited() ? RateLimit.AIRCALL_DEFAULT.requests() : current.requests();
        long reset = Math.floorDiv(nowMillis + current.window().toMillis() + 999, 1000);
        return new RateLimitDecision(false, requests, 0, reset);
    }
}
