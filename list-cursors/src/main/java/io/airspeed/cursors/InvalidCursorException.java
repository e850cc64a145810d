package io.airspeed.cursors;

/** The cursor is not one this list issued: the caller's input is wrong, never the server. */
public final class InvalidCursorException extends IllegalArgumentException {

    public static final String MESSAGE = "is not a cursor of this list (it comes from another list, another user or "
            + "other filters, or was altered); start again without a cursor";

    public InvalidCursorException() {
        super(MESSAGE);
    }
}
