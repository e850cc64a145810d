package io.airspeed.ingest.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

public final class IngestRequests {

    private IngestRequests() {
    }

    @Schema(name = "ConnectAircall", description = "The company API key from Aircall's Integrations & API page")
    public record ConnectAircall(@NotBlank @Size(max = 200) String apiId, @NotBlank @Size(max = 500) String apiToken) {

        @Override
        public String toString() {
            return "ConnectAircall[apiId=" + apiId + ", apiToken=***]";
        }
    }

    @Schema(name = "StartBackfill")
    public record StartBackfill(@NotNull @Schema(examples = "2026-09-01T00:00:00Z") Instant from,
                                @NotNull @Schema(examples = "2026-09-30T00:00:00Z") Instant to) {
    }

    @Schema(name = "IntegrationSettingsUpdate")
    public record UpdateIntegrationSettings(@NotNull @Schema(examples = "true") Boolean autoBackfillGaps) {
    }
}
