package io.airspeed.visibility.rest;

import io.airspeed.visibility.rest.RosterChangeRequests.RosterChanges;
import io.airspeed.visibility.security.Caller;
import io.airspeed.visibility.service.InvalidFieldException;
import io.airspeed.visibility.service.RosterChangeService;
import io.airspeed.visibility.service.RosterChangeService.ReceivedChange;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** users-service's roster change feed (service token only): who is deactivated or no longer an admin. */
@Path("/internal/orgs/{orgId}/roster-changes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.SERVICE)
public class InternalRosterChangeResource {

    private final RosterChangeService changes;

    InternalRosterChangeResource(RosterChangeService changes) {
        this.changes = changes;
    }

    @POST
    @Operation(summary = "Receive roster changes (up to 100); idempotent by change id",
            description = "A change applies to the user's access only when its sequence is higher than the one held for "
                    + "that user; a change received before has no further effect. Tokens of a deactivated user, and admin "
                    + "tokens of a user who is no longer an admin, get 403 on /api/** from then on.")
    @APIResponse(responseCode = "204", description = "Received (applied, or already known, or older than what is held)")
    @APIResponse(responseCode = "400", description = "Malformed, an unknown kind, or more than 100 changes")
    public Uni<Response> receive(@PathParam("orgId") String orgId, @Valid @NotNull RosterChanges body) {
        UUID org = org(orgId);
        return changes.receive(org, body.changes().stream()
                        .map(c -> new ReceivedChange(c.id(), c.sequence(), c.userId(), c.kind().name(), c.user().active(),
                                c.user().role().name()))
                        .toList())
                .replaceWith(Response.noContent().build());
    }

    private static UUID org(String orgId) {
        try {
            return QueryParameters.parseUuid(orgId);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("orgId", "must be a UUID");
        }
    }
}
