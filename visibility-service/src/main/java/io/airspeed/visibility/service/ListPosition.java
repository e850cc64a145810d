package io.airspeed.visibility.service;

import io.airspeed.visibility.domain.Keyset;

/**
 * Where a page of the call list starts: at the top, right after a call (a cursor, which also
 * carries the total counted for its first page), or at a deprecated page number's offset.
 */
public record ListPosition(Keyset after, long offset, ListTotal total) {

    public static final ListPosition FIRST = new ListPosition(null, 0, null);

    public static ListPosition after(Keyset after, ListTotal total) {
        return new ListPosition(after, 0, total);
    }

    public static ListPosition offset(long offset) {
        return new ListPosition(null, offset, null);
    }
}
