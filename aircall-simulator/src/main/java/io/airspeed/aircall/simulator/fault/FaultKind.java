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
    /** A list of calls answers 404 (as an edge or a gateway does for a route it lost), not an empty page. */
    LIST_NOT_FOUND,
    /** A list of calls answers 200 with its {@code calls} but no {@code meta}. */
    LIST_WITHOUT_META,
    /** A list of calls answers 200 with its {@code meta} but no {@code calls}. */
    LIST_WITHOUT_CALLS;

    public static FaultKind fromName(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
