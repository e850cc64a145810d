package io.airspeed.ingest.aircall;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * Aircall's call object, as much as ingestion needs (times are UNIX seconds). {@code user} is
 * null both when Aircall sends null and when it leaves the key out, as it does for missed calls.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AircallCall(
        long id,
        @JsonProperty("direct_link") String directLink,
        String direction,
        String status,
        @JsonProperty("missed_call_reason") String missedCallReason,
        @JsonProperty("started_at") Long startedAt,
        @JsonProperty("answered_at") Long answeredAt,
        @JsonProperty("ended_at") Long endedAt,
        Integer duration,
        String recording,
        String asset,
        @JsonProperty("raw_digits") String rawDigits,
        AircallUser user,
        @JsonProperty("transferred_by") AircallUser transferredBy,
        @JsonProperty("transferred_to") AircallUser transferredTo,
        AircallNumber number) {

    public static final String STATUS_DONE = "done";

    public boolean isDone() {
        return STATUS_DONE.equals(status);
    }

    public Instant started() {
        return startedAt == null ? null : Instant.ofEpochSecond(startedAt);
    }

    public Instant ended() {
        return endedAt == null ? null : Instant.ofEpochSecond(endedAt);
    }

    public int durationSeconds() {
        return duration == null ? 0 : duration;
    }

    public boolean hasRecording() {
        return recording != null && !recording.isBlank();
    }
}
