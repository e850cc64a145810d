package io.airspeed.ingest.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

@RegisterRestClient(configKey = "users-service")
@Path("/internal/orgs")
@Produces(MediaType.APPLICATION_JSON)
interface UsersApi {

    @GET
    @Path("/{orgId}/roster")
    Uni<RosterResponse> roster(@HeaderParam("Authorization") String authorization, @PathParam("orgId") UUID orgId);
}
