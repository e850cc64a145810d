package io.airspeed.ingest.rules;

/** An Aircall user on a call: the one who handled it, or one it was transferred from or to. */
public record AircallParty(long aircallUserId, String email) {
}
