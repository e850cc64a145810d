package io.airspeed.visibility.service;

import io.airspeed.visibility.domain.Call;
import io.airspeed.visibility.domain.CallParticipant;
import io.airspeed.visibility.domain.VisibilityChange;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A call as one viewer sees it: its participants (owner first), whether the viewer may change its
 * visibility, and its visibility history when the viewer may read it (admins), otherwise null.
 */
public record CallDetails(Call call, List<UUID> participantUserIds, boolean canChangeVisibility,
                          List<VisibilityChange> history) {

    static List<UUID> participantIds(Call call, Collection<CallParticipant> participants) {
        return Stream.concat(Stream.of(call.ownerUserId), participants.stream()
                        .map(p -> p.userId)
                        .filter(id -> !id.equals(call.ownerUserId))
                        .sorted(Comparator.comparing(UUID::toString)))
                .toList();
    }
}
