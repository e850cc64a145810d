package io.airspeed.ingest.aircall;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Aircall's Public API v1, as far as ingestion uses it. Answers are raw responses: the wrapper
 * needs the status and the rate-limit headers of every one, errors included.
 */
@RegisterRestClient(configKey = "aircall")
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
interface AircallApi {

    @GET
    @Path("/ping")
    Uni<Response> ping(@HeaderParam("Authorization") String authorization);

    @GET
    @Path("/calls")
    Uni<Response> calls(@HeaderParam("Authorization") String authorization,
                        @QueryParam("from") long fromEpochSecond,
                        @QueryParam("to") long toEpochSecond,
                        @QueryParam("order") String order,
                        @QueryParam("page") int page,
                        @QueryParam("per_page") int perPage);

    @GET
    @Path("/calls/{id}")
    Uni<Response> call(@HeaderParam("Authorization") String authorization, @PathParam("id") long id);

    @GET
    @Path("/calls/search")
    Uni<Response> searchCalls(@HeaderParam("Authorization") String authorization,
                              @QueryParam("user_id") long userId,
                              @QueryParam("from") long fromEpochSecond,
                              @QueryParam("to") long toEpochSecond,
                              @QueryParam("order") String order,
                              @QueryParam("page") int page,
                              @QueryParam("per_page") int perPage);

    @GET
    @Path("/users")
    Uni<Response> users(@HeaderParam("Authorization") String authorization,
                        @QueryParam("page") int page,
                        @QueryParam("per_page") int perPage);
}
