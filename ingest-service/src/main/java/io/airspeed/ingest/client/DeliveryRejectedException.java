package io.airspeed.ingest.client;

/**
 * visibility-service refused a delivery with a 4xx that sending it again cannot fix (the body
 * itself is wrong): the delivery is dead-lettered rather than retried forever.
 */
public class DeliveryRejectedException extends RuntimeException {

    private final int status;
    private final String title;

    public DeliveryRejectedException(int status, String title) {
        super("visibility-service rejected the delivery: HTTP " + status + (title == null ? "" : " " + title));
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The problem+json title visibility-service answered, if any (short, fit to show). */
    public String title() {
        return title;
    }
}
