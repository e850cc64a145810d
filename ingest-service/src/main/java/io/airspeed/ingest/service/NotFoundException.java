package io.airspeed.ingest.service;

/** The thing does not exist in the caller's org (another org's ids are answered the same way). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
