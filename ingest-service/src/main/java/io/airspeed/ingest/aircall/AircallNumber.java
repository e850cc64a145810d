package io.airspeed.ingest.aircall;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AircallNumber(long id, String name, String digits,
                            @JsonProperty("live_recording_activated") Boolean liveRecordingActivated) {
}
