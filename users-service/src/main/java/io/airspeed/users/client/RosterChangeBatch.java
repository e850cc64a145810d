package io.airspeed.users.client;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /internal/orgs/{orgId}/roster-changes}, as ingest-service and
 * visibility-service accept it (the contract of issue 12; RosterChangeContractTest pins it).
 */
@RegisterForReflection
public record RosterChangeBatch(List<Change> changes) {

    @RegisterForReflection
    public record Change(UUID id, long sequence, UUID userId, String kind, Instant occurredAt, UserState user,
                         List<String> emails, List<Long> aircallUserIds) {
    }

    /** The user's state after the change. */
    @RegisterForReflection
    public record UserState(boolean active, String role, String seat) {
    }
}
