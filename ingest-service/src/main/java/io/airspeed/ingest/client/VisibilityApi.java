package io.airspeed.ingest.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

@RegisterRestClient(configKey = "visibility-service")
@Path("/internal/orgs")
@Consumes(MediaType.APPLICATION_JSON)
interface VisibilityApi {

    @PUT
    @Path("/{orgId}/calls/{aircallCallId}")
    Uni<Response> upsertCall(@HeaderParam("Authorization") String authorization, @PathParam("orgId") UUID orgId,
                             @PathParam("aircallCallId") long aircallCallId, ImportedCall call);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return VisibilityAnswers.failure(response);
    }
}
