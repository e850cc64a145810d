package io.airspeed.ingest.aircall;

import java.time.Instant;
import java.util.List;

/**
 * One page of calls of a time range, in the order they started.
 *
 * @param calls      the calls of the page that started in [{@code from}, {@code to})
 * @param rangeTotal Aircall's total for the whole range asked for (before any split)
 */
public record AircallWindowPage(List<AircallCall> calls, long rangeTotal, Instant from, Instant to) {
}
