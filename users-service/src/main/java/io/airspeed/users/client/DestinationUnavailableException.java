package io.airspeed.users.client;

/** The destination could not take the changes now (down, 5xx, throttled, not deployed yet): retried. */
public class DestinationUnavailableException extends RuntimeException {

    private final Integer status;

    public DestinationUnavailableException(String message, Integer status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status when there was an answer, null when there was none (refused, timed out). */
    public Integer status() {
        return status;
    }
}
