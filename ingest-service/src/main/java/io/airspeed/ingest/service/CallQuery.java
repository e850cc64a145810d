package io.airspeed.ingest.service;

import java.time.Instant;

/** Which call the diagnosis is about: exactly one of the forms of product.md section 7.1. */
public sealed interface CallQuery {

    /** By Aircall call id, given as such or read from a link ({@code link} is the link as given, or null). */
    record ById(long aircallCallId, String link) implements CallQuery {
    }

    /** By the time it started (within the tolerance) and the Aircall user's email. */
    record ByTimeAndEmail(Instant startedAround, String aircallUserEmail, int toleranceMinutes) implements CallQuery {
    }
}
