package io.airspeed.aircall.simulator.fault;

/** The failures the simulator can inject into Aircall API responses. */
public enum FaultKind {
    /** HTTP 500 with an edge error body. */
    SERVER_ERROR,
    /** HTTP 429 with the rate-limit headers, whatever the budget says. */
    RATE_LIMIT_STORM,
    /** HTTP 200 whose JSON body is cut in half (Content-Length matches the cut body). */
    MALFORMED_JSON,
    /** The connection is closed without any response. */
    DROP_CONNECTION,
    /** The response is delayed. */
    LATENCY,
    /** HTTP 401 to valid credentials, as Aircall answers a key it has stopped accepting. */
    UNAUTHORIZED;

    public static FaultKind fromName(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
