package io.airspeed.ingest.service;

/** A field is well-formed JSON but not an acceptable value; answered as a 400 naming the field. */
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
