package io.airspeed.ingest.client;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The body of visibility-service's bulk import ({@code PUT /internal/orgs/{orgId}/calls}): at most
 * {@link #MAX} calls, each the single import's body plus the Aircall call id it is keyed by.
 */
@RegisterForReflection
public record ImportedCalls(List<Item> calls) {

    /** visibility-service's limit per request. */
    public static final int MAX = 500;

    @RegisterForReflection
    public record Item(long aircallCallId, @JsonUnwrapped ImportedCall call) {
    }
}
