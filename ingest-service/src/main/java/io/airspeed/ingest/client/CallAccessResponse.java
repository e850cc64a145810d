package io.airspeed.ingest.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.UUID;

/** Our copy of visibility-service's access answer (consumer-owned contract). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallAccessResponse(boolean exists, UUID callId, String visibility, boolean userIsParticipant,
                                 boolean visibleToUser) {

    /** The asking user's bearer token, forwarded for visibility-service to verify. */
    public static final String USER_TOKEN_HEADER = "X-Airspeed-User-Token";
}
