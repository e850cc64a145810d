package io.airspeed.ingest.service;

/** The request is valid but clashes with the current state (a taken email, the last admin). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
