package io.airspeed.ingest.rest;

import io.airspeed.ingest.rest.RosterChangeRequests.RosterChanges;
import io.airspeed.ingest.security.Caller;
import io.airspeed.ingest.service.RosterChangeService;
import io.airspeed.ingest.service.RosterChangeService.Received;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/internal/orgs/{orgId}/roster-changes")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Roster changes")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.SERVICE)
public class RosterChangeResource {

    private final RosterChangeService changes;

    RosterChangeResource(RosterChangeService changes) {
        this.changes = changes;
    }

    @POST
    @Operation(summary = "users-service's roster changes (service token): each stored once by its id (a change received "
            + "again has no further effect), the user's access state applied when its sequence is newer than the one "
            + "held, and the org's skipped decisions it can alter replayed. 204; up to 100 changes per request")
    public Uni<Response> receive(@PathParam("orgId") UUID orgId, @Valid @NotNull RosterChanges body) {
        List<Received> received = body.changes().stream().map(change -> new Received(change.id(), change.sequence(),
                change.userId(), change.kind(), change.occurredAt(), change.user().active(), change.user().role(),
                change.user().seat(), change.emails() == null ? List.of() : change.emails(),
                change.aircallUserIds() == null ? List.of() : change.aircallUserIds())).toList();
        return changes.receive(orgId, received).replaceWith(Response.noContent().build());
    }
}
