package io.airspeed.ingest.aircall;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The part of Aircall's user object ingestion relies on; every other field is ignored. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AircallUser(long id, String name, String email) {
}
