package io.airspeed.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airspeed.ingest.rest.ReplayViews.ReplayPage;
import io.airspeed.ingest.rest.ReplayViews.ReplayView;
import io.airspeed.ingest.security.Caller;
import io.airspeed.ingest.service.NotFoundException;
import io.airspeed.ingest.service.ReplayQueryService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/replays")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Replays")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.ADMIN)
public class ReplayResource {

    private final ReplayQueryService replays;
    private final Caller caller;
    private final ObjectMapper json;

    ReplayResource(ReplayQueryService replays, Caller caller, ObjectMapper json) {
        this.replays = replays;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Operation(summary = "The org's replays, newest first (admin): what caused each (roster change kinds, users, count), "
            + "counts (affected, reread, imported, stillSkipped, pending, gone), progress and status")
    public Uni<ReplayPage> list(@QueryParam("page") String pageParameter, @QueryParam("size") String sizeParameter) {
        int page = QueryParameters.page(pageParameter);
        int size = QueryParameters.size(sizeParameter);
        return replays.list(caller.orgId(), page, size).map(result -> new ReplayPage(
                result.items().stream().map(replay -> ReplayView.of(replay, json)).toList(), result.page(), result.size(),
                result.totalItems(), (result.totalItems() + size - 1) / size));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One replay of the org (admin)")
    public Uni<ReplayView> get(@PathParam("id") UUID id) {
        return replays.get(caller.orgId(), id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No replay " + id))
                .map(replay -> ReplayView.of(replay, json));
    }
}
