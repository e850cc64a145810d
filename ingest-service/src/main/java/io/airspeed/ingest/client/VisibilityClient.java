package io.airspeed.ingest.client;

import io.airspeed.ingest.security.ServiceTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/** Hands imported calls to visibility-service (an idempotent PUT, safe to repeat). */
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
                .onFailure().transform(e -> new DependencyUnavailableException(
                        "visibility-service did not accept call " + aircallCallId + ": " + describe(e), e))
                .replaceWithVoid();
    }

    private static String describe(Throwable e) {
        return e instanceof WebApplicationException web ? "HTTP " + web.getResponse().getStatus() : e.toString();
    }
}
