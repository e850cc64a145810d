package io.airspeed.ingest.client;

/** Another Airspeed service could not answer; nothing may be decided from its silence. */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
