package io.airspeed.ingest.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.UUID;

/** Our own copy of users-service's roster: only what ingestion reads (consumer-owned contract). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record RosterResponse(UUID orgId, List<Entry> users) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(UUID userId, String email, List<String> normalizedEmails, List<Long> aircallUserIds, String seat,
                        String role, boolean active) {
    }
}
