package io.airspeed.visibility.rest;

import io.airspeed.visibility.domain.CallDirection;
import io.airspeed.visibility.domain.Visibility;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request bodies. Unknown fields are rejected ({@code quarkus.jackson.fail-on-unknown-properties}). */
public final class CallRequests {

    private CallRequests() {
    }

    @Schema(description = "An imported call as ingestion delivers it; the facts come from Aircall.")
    public record ImportCall(
            @Schema(description = "The Airspeed user who handled the call; always a participant", required = true)
            @NotNull UUID ownerUserId,
            @Schema(description = "Other Airspeed users on the call (e.g. transfer parties); the owner is added if missing")
            @Size(max = 50) List<@NotNull UUID> participantUserIds,
            @Schema(required = true) @NotNull Instant startedAt,
            @Schema(description = "Not before startedAt") Instant endedAt,
            @Schema(required = true, minimum = "0") @NotNull @PositiveOrZero Integer durationSeconds,
            @Schema(required = true) @NotNull CallDirection direction,
            @Size(max = 64) String externalNumber,
            @Schema(description = "Aircall's direct link to the call") @Size(max = 2048) String aircallLink,
            @Schema(description = "Aircall's asset link of the call") @Size(max = 2048) String aircallAsset,
            @Schema(description = "Where Airspeed keeps the recording") @Size(max = 2048) String recordingReference,
            @Schema(required = true, minimum = "1", description = "Grows with every change ingestion delivers; a delivery "
                    + "older than (or as old as) the one applied changes nothing")
            @NotNull @Positive Long deliveryVersion) {
    }

    public record ChangeVisibility(@Schema(required = true) @NotNull Visibility visibility) {
    }

    public record ChangeDefaultVisibility(@Schema(required = true) @NotNull Visibility defaultVisibility) {
    }
}
