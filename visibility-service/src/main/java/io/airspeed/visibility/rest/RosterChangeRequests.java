package io.airspeed.visibility.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The body users-service posts to {@code /internal/orgs/{orgId}/roster-changes} (contract of issue 12). */
public final class RosterChangeRequests {

    /** The most changes one request may carry. */
    public static final int MAX_CHANGES = 100;

    private RosterChangeRequests() {
    }

    public enum Kind { USER_CREATED, SEAT_CHANGED, ROLE_CHANGED, ACTIVE_CHANGED, EMAIL_CHANGED, IDENTITY_ADDED, IDENTITY_REMOVED }

    public enum Role { ADMIN, MEMBER }

    public enum Seat { RECORDING, VIEWER, NONE }

    @Schema(name = "RosterChanges")
    public record RosterChanges(@NotNull @Size(max = MAX_CHANGES) List<@NotNull @Valid RosterChange> changes) {
    }

    @Schema(name = "RosterChange")
    public record RosterChange(
            @NotNull @Schema(description = "The change's id: receiving it again has no further effect") UUID id,
            @NotNull @Positive @Schema(description = "Strictly increasing per org in users-service") Long sequence,
            @NotNull UUID userId,
            @NotNull Kind kind,
            @NotNull Instant occurredAt,
            @NotNull @Valid @Schema(description = "The user's state after the change") UserState user,
            @NotNull List<@NotNull String> emails,
            @NotNull List<@NotNull Long> aircallUserIds) {
    }

    @Schema(name = "RosterUserState")
    public record UserState(@NotNull Boolean active, @NotNull Role role, @NotNull Seat seat) {
    }
}
