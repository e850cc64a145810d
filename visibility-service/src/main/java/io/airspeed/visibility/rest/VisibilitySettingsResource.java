package io.airspeed.visibility.rest;

import io.airspeed.visibility.rest.CallRequests.ChangeDefaultVisibility;
import io.airspeed.visibility.rest.CallResponses.VisibilitySettingsView;
import io.airspeed.visibility.security.Caller;
import io.airspeed.visibility.service.VisibilitySettingsService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The org's default visibility of newly imported calls. */
@Path("/api/settings/visibility")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Settings")
@SecurityRequirement(name = "jwt")
public class VisibilitySettingsResource {

    private final VisibilitySettingsService settings;
    private final Caller caller;

    VisibilitySettingsResource(VisibilitySettingsService settings, Caller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.MEMBER})
    @Operation(summary = "The org's visibility settings (PUBLIC unless an admin changed it)")
    public Uni<VisibilitySettingsView> get() {
        return settings.get(caller.orgId()).map(VisibilitySettingsView::of);
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Set the visibility of calls imported from now on (admin); earlier calls keep theirs")
    public Uni<VisibilitySettingsView> change(@Valid @NotNull ChangeDefaultVisibility body) {
        return settings.changeDefault(caller.orgId(), caller.userId(), body.defaultVisibility())
                .map(VisibilitySettingsView::of);
    }
}
