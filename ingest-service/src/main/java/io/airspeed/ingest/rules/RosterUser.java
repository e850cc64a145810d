package io.airspeed.ingest.rules;

import java.util.Set;
import java.util.UUID;

/**
 * An Airspeed user as the rules see it: the emails and Aircall ids that identify them.
 *
 * @param email the user's primary email as entered (what a check's detail shows an admin)
 * @param seat  the seat type's name ({@code RECORDING}, {@code VIEWER}, {@code NONE}, …)
 */
public record RosterUser(UUID userId, Set<String> normalizedEmails, Set<Long> aircallUserIds, boolean recordingSeat,
                         boolean active, String email, String seat) {

    public RosterUser {
        normalizedEmails = Set.copyOf(normalizedEmails);
        aircallUserIds = Set.copyOf(aircallUserIds);
        if (seat == null) {
            seat = recordingSeat ? "RECORDING" : "NONE";
        }
    }

    public RosterUser(UUID userId, Set<String> normalizedEmails, Set<Long> aircallUserIds, boolean recordingSeat,
                      boolean active) {
        this(userId, normalizedEmails, aircallUserIds, recordingSeat, active,
                normalizedEmails.stream().sorted().findFirst().orElse(null), null);
    }
}
