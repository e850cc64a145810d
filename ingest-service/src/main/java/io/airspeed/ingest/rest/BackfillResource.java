package io.airspeed.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airspeed.ingest.rest.IngestRequests.StartBackfill;
import io.airspeed.ingest.rest.IngestViews.RunView;
import io.airspeed.ingest.security.Caller;
import io.airspeed.ingest.service.BackfillService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/backfills")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Backfills")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.ADMIN)
public class BackfillResource {

    private final BackfillService backfills;
    private final Caller caller;
    private final ObjectMapper json;

    BackfillResource(BackfillService backfills, Caller caller, ObjectMapper json) {
        this.backfills = backfills;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Operation(summary = "Import a past range (admin): at most 90 days, not in the future; rule 6 does not apply to it. "
            + "202 with the backfill, QUEUED: it runs after the org's current run and the backfills asked for before it, "
            + "in order; 409 when ingest.backfill.max-queued backfills already wait")
    public Uni<Response> start(@Valid @NotNull StartBackfill body) {
        return backfills.start(caller.orgId(), caller.userId(), body.from(), body.to())
                .map(queued -> Response.accepted(RunView.of(queued, json))
                        .location(URI.create("/api/backfills/" + queued.run().id)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A backfill's progress and counts (admin): an admin's BACKFILL or a reconnection's GAP_BACKFILL; "
            + "while QUEUED, its queuePosition")
    public Uni<RunView> get(@PathParam("id") UUID id) {
        return backfills.get(caller.orgId(), id).map(queued -> RunView.of(queued, json));
    }
}
