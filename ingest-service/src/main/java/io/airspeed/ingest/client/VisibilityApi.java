package io.airspeed.ingest.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

    /** All or nothing: a 2xx means visibility-service applied every call of the batch. */
    @PUT
    @Path("/{orgId}/calls")
    Uni<Response> upsertCalls(@HeaderParam("Authorization") String authorization, @PathParam("orgId") UUID orgId,
                              ImportedCalls calls);

    /** The user's own token goes along so that visibility-service itself verifies who asks, admin or not. */
    @GET
    @Path("/{orgId}/calls/by-aircall-id/{aircallCallId}/access")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CallAccessResponse> access(@HeaderParam("Authorization") String authorization,
                                   @HeaderParam(CallAccessResponse.USER_TOKEN_HEADER) String userToken,
                                   @PathParam("orgId") UUID orgId, @PathParam("aircallCallId") long aircallCallId,
                                   @QueryParam("userId") UUID userId);
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return VisibilityAnswers.failure(response);
    }
}
