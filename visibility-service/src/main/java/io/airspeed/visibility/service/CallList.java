package io.airspeed.visibility.service;

import io.airspeed.visibility.domain.Keyset;

import java.util.List;

/** One page of the call list; {@code next} is where the next page starts, null at the end. */
public record CallList(List<CallDetails> items, Keyset next, ListTotal total) {

    public boolean hasMore() {
        return next != null;
    }
}
