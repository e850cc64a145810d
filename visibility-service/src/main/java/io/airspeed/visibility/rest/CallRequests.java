package io.airspeed.visibility.rest;

import io.airspeed.visibility.domain.CallDelivery;
import io.airspeed.visibility.domain.CallDirection;
import io.airspeed.visibility.domain.CallFacts;
import io.airspeed.visibility.domain.Visibility;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
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

        CallFacts facts() {
            return CallFacts.of(ownerUserId, participantUserIds, startedAt, endedAt, durationSeconds, direction,
                    externalNumber, aircallLink, aircallAsset, recordingReference);
        }
    }

    /** A set of calls delivered at once; each is applied exactly as {@link ImportCall} would be. */
    @Schema(description = "Up to " + ImportCalls.MAX + " calls delivered at once, each idempotent on its own")
    public record ImportCalls(
            @Schema(required = true, minItems = 1, maxItems = ImportCalls.MAX)
            @NotNull @Size(min = 1, max = ImportCalls.MAX) List<@NotNull @Valid ImportCallItem> calls) {

        public static final int MAX = 500;
    }

    @Schema(description = "One call of a bulk import: the single import's body and the Aircall call id it is keyed by")
    public record ImportCallItem(
            @Schema(required = true, minimum = "1", description = "Aircall's numeric call id; once per batch")
            @NotNull @Positive @Max(AIRCALL_ID_MAX) Long aircallCallId,
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
            @Schema(required = true, minimum = "1", description = "As in the single import: a delivery not above the "
                    + "version applied changes nothing")
            @NotNull @Positive Long deliveryVersion) {

        CallDelivery delivery() {
            return new CallDelivery(aircallCallId, deliveryVersion, CallFacts.of(ownerUserId, participantUserIds,
                    startedAt, endedAt, durationSeconds, direction, externalNumber, aircallLink, aircallAsset,
                    recordingReference));
        }
    }

    /** The largest id the single import's path accepts ({@code [1-9][0-9]{0,17}}). */
    static final long AIRCALL_ID_MAX = 999_999_999_999_999_999L;

    public record ChangeVisibility(@Schema(required = true) @NotNull Visibility visibility) {
    }

    public record ChangeDefaultVisibility(@Schema(required = true) @NotNull Visibility defaultVisibility) {
    }
}
