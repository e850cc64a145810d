package io.airspeed.ingest.aircall;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The envelope of {@code GET /v1/calls/{id}}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AircallCallEnvelope(AircallCall call) {
}
