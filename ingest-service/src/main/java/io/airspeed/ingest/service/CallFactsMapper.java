package io.airspeed.ingest.service;

import io.airspeed.ingest.aircall.AircallCall;
import io.airspeed.ingest.aircall.AircallUser;
import io.airspeed.ingest.rules.AircallParty;
import io.airspeed.ingest.rules.CallFacts;

import java.util.ArrayList;
import java.util.List;

/** Aircall's call object → the facts the rules decide on. */
final class CallFactsMapper {

    private CallFactsMapper() {
    }

    static CallFacts facts(AircallCall call) {
        List<AircallParty> transfers = new ArrayList<>();
        if (call.transferredBy() != null) {
            transfers.add(party(call.transferredBy()));
        }
        if (call.transferredTo() != null) {
            transfers.add(party(call.transferredTo()));
        }
        return new CallFacts(call.id(), call.started(), call.ended(), call.durationSeconds(), call.isDone(),
                call.user() == null ? null : party(call.user()), transfers, call.hasRecording());
    }

    private static AircallParty party(AircallUser user) {
        return new AircallParty(user.id(), user.email());
    }
}
