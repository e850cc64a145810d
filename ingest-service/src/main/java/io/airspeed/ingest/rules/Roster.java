package io.airspeed.ingest.rules;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds the Airspeed user behind an Aircall user, by linked Aircall user id first, then by email. */
public final class Roster {

    private final Map<String, RosterUser> byEmail = new HashMap<>();
    private final Map<Long, RosterUser> byAircallId = new HashMap<>();
    private final List<RosterUser> users;

    public Roster(Collection<RosterUser> users) {
        this.users = List.copyOf(users);
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
        return Optional.ofNullable(matchOf(party).user());
    }

    /** The match and how it was made: a linked Aircall user id first, then the email. */
    public RosterMatch matchOf(AircallParty party) {
        if (party == null) {
            return RosterMatch.NONE;
        }
        RosterUser linked = byAircallId.get(party.aircallUserId());
        if (linked != null) {
            return new RosterMatch(linked, RosterMatch.By.AIRCALL_USER_ID);
        }
        String email = normalize(party.email());
        RosterUser byMail = email == null || email.isEmpty() ? null : byEmail.get(email);
        return byMail == null ? RosterMatch.NONE : new RosterMatch(byMail, RosterMatch.By.EMAIL);
    }

    public Optional<RosterUser> user(java.util.UUID userId) {
        return users.stream().filter(user -> user.userId().equals(userId)).findFirst();
    }

    public int size() {
        return users.size();
    }
}
