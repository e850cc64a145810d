package io.airspeed.aircall.simulator.http;

import io.airspeed.aircall.simulator.json.JsonOutput;

/** Error bodies in the shapes Aircall uses: edge errors carry {@code message}, application errors more. */
public final class AircallErrors {

    public static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";
    public static final String FORBIDDEN = "{\"message\":\"Forbidden\"}";
    public static final String SERVER_ERROR = "{\"message\":\"Internal server error\"}";
    public static final String METHOD_NOT_ALLOWED = "{\"message\":\"Method Not Allowed\"}";
    public static final String TOO_MANY_REQUESTS = "{\"error\":\"Too Many Requests\","
            + "\"troubleshoot\":\"You reached your company's API rate limit; wait until X-AircallApi-Reset.\"}";

    public static final String TEN_K_MESSAGE = "Your query is limited to 10k results and pagination is out of bound, "
            + "please use timestamps or other filters.";

    private AircallErrors() {
    }

    /** The 400 body Aircall documents for the 10,000-record cap, reused for other bad parameters. */
    public static String badRequest(String errors) {
        JsonOutput out = new JsonOutput(256);
        out.ascii("{\"error\":\"Bad Request\",\"message\":\"BAD_REQUEST\",\"errors\":").string(errors)
                .ascii(",\"troubleshoot\":\"BAD_REQUEST\",\"success\":false,\"data\":null}");
        return out.toString();
    }

    public static String notFound(String troubleshoot) {
        JsonOutput out = new JsonOutput(128);
        out.ascii("{\"error\":\"Not found\",\"troubleshoot\":").string(troubleshoot).ch('}');
        return out.toString();
    }
}
