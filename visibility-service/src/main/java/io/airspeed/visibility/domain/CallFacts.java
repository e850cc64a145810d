package io.airspeed.visibility.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What Aircall (through ingestion) tells us about a call. Times are truncated to microseconds,
 * the precision PostgreSQL keeps, so a re-delivery of the same facts compares equal.
 */
public record CallFacts(UUID ownerUserId, Set<UUID> participantUserIds, Instant startedAt, Instant endedAt,
                        int durationSeconds, CallDirection direction, String externalNumber, String aircallLink,
                        String aircallAsset, String recordingReference) {

    public CallFacts {
        Objects.requireNonNull(ownerUserId, "ownerUserId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(direction, "direction");
        startedAt = startedAt.truncatedTo(ChronoUnit.MICROS);
        endedAt = endedAt == null ? null : endedAt.truncatedTo(ChronoUnit.MICROS);
        // The owner is always a participant, and listed first.
        Set<UUID> all = new LinkedHashSet<>();
        all.add(ownerUserId);
        if (participantUserIds != null) {
            all.addAll(participantUserIds);
        }
        participantUserIds = Set.copyOf(all);
    }

    public static CallFacts of(UUID ownerUserId, List<UUID> participantUserIds, Instant startedAt, Instant endedAt,
                               int durationSeconds, CallDirection direction, String externalNumber,
                               String aircallLink, String aircallAsset, String recordingReference) {
        return new CallFacts(ownerUserId, participantUserIds == null ? null : new LinkedHashSet<>(participantUserIds),
                startedAt, endedAt, durationSeconds, direction, externalNumber, aircallLink, aircallAsset,
                recordingReference);
    }

    boolean sameAs(Call call) {
        return ownerUserId.equals(call.ownerUserId)
                && startedAt.equals(call.startedAt)
                && Objects.equals(endedAt, call.endedAt)
                && durationSeconds == call.durationSeconds
                && direction == call.direction
                && Objects.equals(externalNumber, call.externalNumber)
                && Objects.equals(aircallLink, call.aircallLink)
                && Objects.equals(aircallAsset, call.aircallAsset)
                && Objects.equals(recordingReference, call.recordingReference);
    }
}
