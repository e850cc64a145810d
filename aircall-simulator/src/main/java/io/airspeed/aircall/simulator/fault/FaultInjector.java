package io.airspeed.aircall.simulator.fault;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults waiting to be served to the next requests (of one company, or of every company for the
 * simulator-wide injector). Each {@code next...} call replaces the pending count of its kind.
 */
public final class FaultInjector {

    private static final int UNTIL_CLEARED = -1;

    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger rateLimitStorm = new AtomicInteger();
    private final AtomicInteger malformedJson = new AtomicInteger();
    private final AtomicInteger droppedConnections = new AtomicInteger();
    private final AtomicInteger latencyRequests = new AtomicInteger();
    private final AtomicInteger listNotFound = new AtomicInteger();
    private final AtomicInteger listWithoutMeta = new AtomicInteger();
    private final AtomicInteger listWithoutCalls = new AtomicInteger();
    private volatile long latencyMillis;

    public FaultInjector failNextWithServerError(int requests) {
        serverErrors.set(requireCount(requests));
        return this;
    }

    public FaultInjector rateLimitStorm(int requests) {
        rateLimitStorm.set(requireCount(requests));
        return this;
    }

    public FaultInjector malformNextResponses(int requests) {
        malformedJson.set(requireCount(requests));
        return this;
    }

    public FaultInjector dropNextConnections(int requests) {
        droppedConnections.set(requireCount(requests));
        return this;
    }

    /** The next {@code requests} lists of calls answer 404. */
    public FaultInjector failNextListsWithNotFound(int requests) {
        listNotFound.set(requireCount(requests));
        return this;
    }

    /** The next {@code requests} lists of calls come without their {@code meta}. */
    public FaultInjector dropMetaOfNextLists(int requests) {
        listWithoutMeta.set(requireCount(requests));
        return this;
    }

    /** The next {@code requests} lists of calls come without their {@code calls}. */
    public FaultInjector dropCallsOfNextLists(int requests) {
        listWithoutCalls.set(requireCount(requests));
        return this;
    }

    /** Delays every request until {@link #clear()}. */
    public FaultInjector addLatency(Duration perRequest) {
        latencyMillis = perRequest.toMillis();
        latencyRequests.set(UNTIL_CLEARED);
        return this;
    }

    public FaultInjector addLatency(Duration perRequest, int requests) {
        latencyMillis = perRequest.toMillis();
        latencyRequests.set(requireCount(requests));
        return this;
    }

    /** Schedules {@code count} faults of {@code kind}; {@code latency} is used by {@link FaultKind#LATENCY} only. */
    public FaultInjector inject(FaultKind kind, int count, Duration latency) {
        return switch (kind) {
            case SERVER_ERROR -> failNextWithServerError(count);
            case RATE_LIMIT_STORM -> rateLimitStorm(count);
            case MALFORMED_JSON -> malformNextResponses(count);
            case DROP_CONNECTION -> dropNextConnections(count);
            case LATENCY -> count < 0 ? addLatency(latency) : addLatency(latency, count);
            case LIST_NOT_FOUND -> failNextListsWithNotFound(count);
            case LIST_WITHOUT_META -> dropMetaOfNextLists(count);
            case LIST_WITHOUT_CALLS -> dropCallsOfNextLists(count);
        };
    }

    public void clear() {
        serverErrors.set(0);
        rateLimitStorm.set(0);
        malformedJson.set(0);
        droppedConnections.set(0);
        latencyRequests.set(0);
        latencyMillis = 0;
        listNotFound.set(0);
        listWithoutMeta.set(0);
        listWithoutCalls.set(0);
    }

    public PendingFaults pending() {
        return new PendingFaults(serverErrors.get(), rateLimitStorm.get(), malformedJson.get(),
                droppedConnections.get(), latencyRequests.get() == 0 ? 0 : latencyMillis, latencyRequests.get(),
                listNotFound.get(), listWithoutMeta.get(), listWithoutCalls.get());
    }

    public boolean takeServerError() {
        return take(serverErrors);
    }

    public boolean takeRateLimitStorm() {
        return take(rateLimitStorm);
    }

    public boolean takeMalformedJson() {
        return take(malformedJson);
    }

    public boolean takeListNotFound() {
        return take(listNotFound);
    }

    public boolean takeListWithoutMeta() {
        return take(listWithoutMeta);
    }

    public boolean takeListWithoutCalls() {
        return take(listWithoutCalls);
    }

    public boolean takeDroppedConnection() {
        return take(droppedConnections);
    }

    /** The delay this request must suffer, 0 for none. */
    public long takeLatencyMillis() {
        int before = latencyRequests.getAndUpdate(n -> n > 0 ? n - 1 : n);
        return before == 0 ? 0 : latencyMillis;
    }

    private static boolean take(AtomicInteger pending) {
        return pending.get() > 0 && pending.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static int requireCount(int requests) {
        if (requests < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        return requests;
    }
}
