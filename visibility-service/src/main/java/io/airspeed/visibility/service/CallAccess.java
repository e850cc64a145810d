package io.airspeed.visibility.service;

import io.airspeed.visibility.domain.Visibility;

import java.util.UUID;

/**
 * Whether an Aircall call was imported for an org and whether a given user may see it; what the
 * "why is my call missing?" diagnosis asks. {@code callId} and {@code visibility} are null when
 * the call does not exist.
 */
public record CallAccess(boolean exists, UUID callId, Visibility visibility, boolean userIsParticipant,
                         boolean visibleToUser) {

    static CallAccess missing() {
        return new CallAccess(false, null, null, false, false);
    }
}
