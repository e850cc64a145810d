package io.airspeed.ingest.service;

/** Aircall did not accept the credentials an admin entered (answered as 422). */
public class CredentialsRejectedException extends RuntimeException {

    public CredentialsRejectedException(String message) {
        super(message);
    }
}
