package io.airspeed.users.rest;

import io.airspeed.users.rest.UserRequests.LinkAircallIdentity;
import io.airspeed.users.rest.UserResponses.IdentityView;
import io.airspeed.users.security.Caller;
import io.airspeed.users.service.AircallIdentityService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

@Path("/api/users/{userId}/aircall-identities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Aircall identities")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.ADMIN)
public class AircallIdentityResource {

    private final AircallIdentityService identities;
    private final Caller caller;

    AircallIdentityResource(AircallIdentityService identities, Caller caller) {
        this.identities = identities;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Link an extra email or an Aircall user id to a user (admin); 409 when it identifies someone else")
    public Uni<Response> link(@PathParam("userId") UUID userId, @Valid @NotNull LinkAircallIdentity body) {
        return identities.link(caller.orgId(), userId, body.kind(), body.value())
                .map(identity -> Response
                        .created(URI.create("/api/users/" + userId + "/aircall-identities/" + identity.id))
                        .entity(IdentityView.of(identity)).build());
    }

    @DELETE
    @Path("/{identityId}")
    @Operation(summary = "Unlink an Aircall identity (admin)")
    public Uni<Response> unlink(@PathParam("userId") UUID userId, @PathParam("identityId") UUID identityId) {
        return identities.unlink(caller.orgId(), userId, identityId).replaceWith(Response.noContent().build());
    }
}
