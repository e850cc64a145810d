package io.airspeed.visibility.service;

/**
 * The thing does not exist in the caller's org, or the caller may not see it: both are answered
 * the same way (404), so a private call's existence never leaks.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
