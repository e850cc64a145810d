package io.airspeed.ingest.rest;

import io.airspeed.ingest.domain.RosterChangeKind;
import io.airspeed.ingest.domain.UserRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The roster-change feed's body, as users-service sends it (the contract of issue 12). */
public final class RosterChangeRequests {

    /** The most changes one request may carry. */
    static final int MAX_CHANGES = 100;

    private RosterChangeRequests() {
    }

    @Schema(name = "RosterChanges")
    public record RosterChanges(@NotNull @Size(max = MAX_CHANGES) List<@NotNull @Valid Change> changes) {
    }

    /**
     * @param id        the idempotency key: a change received again has no further effect
     * @param sequence  strictly increasing per org in users-service
     * @param emails    normalized emails the change touches: the user's emails before and after
     * @param aircallUserIds Aircall user ids the change touches: linked before and after
     */
    @Schema(name = "RosterChange")
    public record Change(@NotNull UUID id, @NotNull @PositiveOrZero Long sequence, @NotNull UUID userId,
                         @NotNull RosterChangeKind kind, @NotNull Instant occurredAt, @NotNull @Valid UserState user,
                         @Size(max = 100) List<@NotBlank @Size(max = 320) String> emails,
                         @Size(max = 100) List<@NotNull Long> aircallUserIds) {
    }

    /** The user's state after the change. */
    @Schema(name = "RosterUserState")
    public record UserState(@NotNull Boolean active, @NotNull UserRole role,
                            @NotBlank @Size(max = 40) @Schema(examples = "RECORDING") String seat) {
    }
}
