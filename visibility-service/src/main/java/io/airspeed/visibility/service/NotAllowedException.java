package io.airspeed.visibility.service;

/**
 * The caller may see the thing but not do this to it (403), e.g. a member changing the
 * visibility of a public call they do not take part in.
 */
public class NotAllowedException extends RuntimeException {

    public NotAllowedException(String message) {
        super(message);
    }
}
