package io.airspeed.aircall.simulator.http;

/** A query Aircall would refuse with 400; the message becomes the body's {@code errors}. */
final class BadRequestException extends RuntimeException {

    BadRequestException(String errors) {
        super(errors, null, false, false);
    }
}
