package io.airspeed.ingest.client;

import io.airspeed.ingest.security.ServiceTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/**
 * Hands imported calls to visibility-service (idempotent, versioned PUTs, one call or a batch, safe
 * to repeat). Fails
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

    /**
     * Hands a batch of one org's calls over in one request (at most {@link ImportedCalls#MAX}).
     * visibility-service applies all of them or none: a {@link DeliveryRejectedException} says that
     * at least one item was refused, not which.
     */
    public Uni<Void> deliverAll(UUID orgId, ImportedCalls calls) {
        return api.upsertCalls(tokens.bearer(), orgId, calls)
                .onFailure(failure -> !(failure instanceof DeliveryRejectedException || failure instanceof DependencyUnavailableException))
                .transform(e -> new DependencyUnavailableException(
                        "visibility-service did not take a batch of " + calls.calls().size() + " calls: " + e, e))
                .replaceWithVoid();
    }

    /**
     * Whether the call was imported into visibility-service and whether this user may see it
     * (rule 5). visibility-service learns whether the user is an admin from the user's own token,
     * which it verifies; nothing here claims a role on the user's behalf.
     */
    public Uni<CallAccessResponse> access(UUID orgId, long aircallCallId, UUID userId, String userToken) {
        return api.access(tokens.bearer(), userToken, orgId, aircallCallId, userId)
                .onFailure().transform(e -> new DependencyUnavailableException(
                        "visibility-service did not answer the access check of call " + aircallCallId + ": " + e, e));
    }
}
