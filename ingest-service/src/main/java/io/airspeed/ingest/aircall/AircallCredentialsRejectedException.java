package io.airspeed.ingest.aircall;

/** Aircall answered 401 or 403: the key was revoked or rotated; the integration is broken. */
public class AircallCredentialsRejectedException extends RuntimeException {

    private final int status;

    public AircallCredentialsRejectedException(int status) {
        super("Aircall rejected the credentials (HTTP " + status + ")");
        this.status = status;
    }

    public int status() {
        return status;
    }
}
