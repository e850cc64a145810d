package io.airspeed.users.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

@RegisterRestClient(configKey = "ingest-service")
@Path("/internal/orgs")
@Consumes(MediaType.APPLICATION_JSON)
interface IngestRosterApi {

    @POST
    @Path("/{orgId}/roster-changes")
    Uni<Response> send(@HeaderParam("Authorization") String authorization, @PathParam("orgId") UUID orgId,
                       RosterChangeBatch batch);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return RosterChangeAnswers.failure("ingest-service", response);
    }
}
