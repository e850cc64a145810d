package io.airspeed.aircall.simulator.fault;

/** How many injected faults are still to be served; {@code latencyRequests} -1 means until cleared. */
public record PendingFaults(int serverErrors, int rateLimitStorm, int malformedJson, int droppedConnections,
                            long latencyMillis, int latencyRequests, int listNotFound, int listWithoutMeta,
                            int listWithoutCalls) {
}
