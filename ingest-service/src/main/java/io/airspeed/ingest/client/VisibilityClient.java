package io.airspeed.ingest.client;

import io.airspeed.ingest.security.ServiceTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/**
 * Hands imported calls to visibility-service (an idempotent, versioned PUT, safe to repeat). Fails
 * with {@link DeliveryRejectedException} when the answer says retrying cannot help, with
 * {@link DependencyUnavailableException} for anything retrying may outlast.
 */
@ApplicationScoped
public class VisibilityClient {

    private final VisibilityApi api;
    private final ServiceTokens tokens;

    VisibilityClient(@RestClient VisibilityApi api, ServiceTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    public Uni<Void> deliver(UUID orgId, long aircallCallId, ImportedCall call) {
        return api.upsertCall(tokens.bearer(), orgId, aircallCallId, call)
                .onFailure(failure -> !(failure instanceof DeliveryRejectedException || failure instanceof DependencyUnavailableException))
                .transform(e -> new DependencyUnavailableException(
                        "visibility-service did not take call " + aircallCallId + ": " + e, e))
                .replaceWithVoid();
    }
}
