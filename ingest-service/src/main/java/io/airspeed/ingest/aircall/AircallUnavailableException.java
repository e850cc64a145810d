package io.airspeed.ingest.aircall;

/** Aircall kept failing (5xx, timeouts, unreadable answers) after every retry, or refused the query. */
public class AircallUnavailableException extends RuntimeException {

    public AircallUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
