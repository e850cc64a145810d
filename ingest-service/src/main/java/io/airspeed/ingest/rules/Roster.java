package io.airspeed.ingest.rules;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds the Airspeed user behind an Aircall user, by linked Aircall user id first, then by email. */
public final class Roster {

    private final Map<String, RosterUser> byEmail = new HashMap<>();
    private final Map<Long, RosterUser> byAircallId = new HashMap<>();

    public Roster(Collection<RosterUser> users) {
        for (RosterUser user : users) {
            user.normalizedEmails().forEach(email -> byEmail.put(normalize(email), user));
            user.aircallUserIds().forEach(id -> byAircallId.put(id, user));
        }
    }

    /** Exact after trimming and lower-casing; no other fuzziness (rule 1). */
    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<RosterUser> match(AircallParty party) {
        if (party == null) {
            return Optional.empty();
        }
        RosterUser linked = byAircallId.get(party.aircallUserId());
        if (linked != null) {
            return Optional.of(linked);
        }
        String email = normalize(party.email());
        return email == null || email.isEmpty() ? Optional.empty() : Optional.ofNullable(byEmail.get(email));
    }
}
