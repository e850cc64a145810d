package io.airspeed.visibility.service;

/** A field or query parameter is well-formed but not an acceptable value; answered as a 400 naming it. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
