package io.airspeed.ingest.aircall;

/**
 * Aircall answered a list request with something that is not a complete page of a complete list
 * (a 404, no {@code calls}, no {@code meta}, the wrong page, or the 10,000-record cap reached while
 * a next page exists). Reading on would lose calls silently, so the run fails instead and its
 * checkpoint stays where the last complete page left it.
 */
public class AircallIncompleteListException extends AircallUnavailableException {

    public AircallIncompleteListException(String message) {
        super(message, null);
    }
}
