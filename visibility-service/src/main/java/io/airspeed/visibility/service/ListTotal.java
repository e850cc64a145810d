package io.airspeed.visibility.service;

/**
 * How many calls a list holds: exact up to {@value #EXACT_UP_TO}; above, {@code value} is that
 * bound and {@code exact} is false ("more than 10,000"), since counting further would cost a scan
 * that grows with the org.
 */
public record ListTotal(long value, boolean exact) {

    public static final int EXACT_UP_TO = 10_000;

    public static ListTotal counted(long rows) {
        return rows <= EXACT_UP_TO ? new ListTotal(rows, true) : new ListTotal(EXACT_UP_TO, false);
    }
}
