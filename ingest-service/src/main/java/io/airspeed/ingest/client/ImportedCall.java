package io.airspeed.ingest.client;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What visibility-service needs of an imported call. {@code recordingReference} names the call
 * at Aircall ("aircall:call:{id}"): Aircall's recording URLs expire within the hour, so the URL
 * itself is never handed on as the recording. {@code deliveryVersion} grows with every change of
 * these facts: visibility-service ignores a delivery older than the one it holds.
 */
@RegisterForReflection
public record ImportedCall(UUID ownerUserId, List<UUID> participantUserIds, Instant startedAt, Instant endedAt,
                           int durationSeconds, String direction, String externalNumber, String aircallLink,
                           String aircallAsset, String recordingReference, long deliveryVersion) {
}
