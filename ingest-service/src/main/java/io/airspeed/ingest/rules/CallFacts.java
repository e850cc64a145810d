package io.airspeed.ingest.rules;

import java.time.Instant;
import java.util.List;

/**
 * What Aircall says about a call, as far as the rules need it.
 *
 * @param handler        the Aircall user who took or made the call; null when there is none
 * @param transferParties users it was transferred from or to
 * @param finished       Aircall status {@code done}
 */
public record CallFacts(long aircallCallId, Instant startedAt, Instant endedAt, int durationSeconds, boolean finished,
                        AircallParty handler, List<AircallParty> transferParties, boolean recordingPresent) {

    public CallFacts {
        transferParties = transferParties == null ? List.of() : List.copyOf(transferParties);
    }
}
