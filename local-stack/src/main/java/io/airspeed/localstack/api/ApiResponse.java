package io.airspeed.localstack.api;

import com.fasterxml.jackson.databind.JsonNode;

/** An HTTP answer of one of the services: status and JSON body (a missing node when the body is empty). */
public record ApiResponse(String method, String url, int status, JsonNode body) {

    /** Fails with the request and the service's problem body unless the status is one of these. */
    public ApiResponse expect(int... statuses) {
        for (int expected : statuses) {
            if (status == expected) {
                return this;
            }
        }
        throw new ApiException(this);
    }

    public boolean is(int expected) {
        return status == expected;
    }

    /** A failed call, with everything needed to understand it in the message. */
    public static final class ApiException extends IllegalStateException {

        private final ApiResponse response;

        ApiException(ApiResponse response) {
            super(response.method + " " + response.url + " answered " + response.status + ": " + response.body);
            this.response = response;
        }

        public ApiResponse response() {
            return response;
        }
    }
}
