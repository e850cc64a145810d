package io.airspeed.ingest.rules;

import java.util.Set;
import java.util.UUID;

/** An Airspeed user as the rules see it: the emails and Aircall ids that identify them. */
public record RosterUser(UUID userId, Set<String> normalizedEmails, Set<Long> aircallUserIds, boolean recordingSeat,
                         boolean active) {

    public RosterUser {
        normalizedEmails = Set.copyOf(normalizedEmails);
        aircallUserIds = Set.copyOf(aircallUserIds);
    }
}
