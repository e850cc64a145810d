package io.airspeed.aircall.simulator.data;

import io.airspeed.aircall.simulator.model.SimulatedCall;

/**
 * Calls in ascending {@code (started_at, id)} order, addressable by index, so a {@code from}/{@code to}
 * query becomes an index range and a page becomes a slice of it, with no scan.
 */
public interface CallSource {

    long size();

    /** The call at {@code index} (0-based, ascending order). */
    SimulatedCall get(long index);

    /** How many calls started strictly before {@code epochSecond}: the index of the first call at or after it. */
    long countStartedBefore(long epochSecond);

    /** The call with this id, or null. */
    SimulatedCall findById(long id);
}
