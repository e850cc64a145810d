package io.airspeed.ingest.rest;

import io.airspeed.ingest.aircall.AircallCredentials;
import io.airspeed.ingest.rest.IngestRequests.ConnectAircall;
import io.airspeed.ingest.rest.IngestRequests.UpdateIntegrationSettings;
import io.airspeed.ingest.rest.IngestViews.IntegrationView;
import io.airspeed.ingest.security.Caller;
import io.airspeed.ingest.service.IntegrationService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/integrations/aircall")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Aircall integration")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.ADMIN)
public class IntegrationResource {

    private final IntegrationService integrations;
    private final Caller caller;

    IntegrationResource(IntegrationService integrations, Caller caller) {
        this.integrations = integrations;
        this.caller = caller;
    }

    @PUT
    @Operation(summary = "Connect or reconnect Aircall (admin): checks the key against Aircall, stores it encrypted, opens a connection window; "
            + "after a disconnection gap and with autoBackfillGaps on, queues the gap's GAP_BACKFILL (in gapBackfills); 422 when Aircall rejects it")
    public Uni<IntegrationView> connect(@Valid @NotNull ConnectAircall body) {
        return integrations.connect(caller.orgId(), new AircallCredentials(body.apiId().trim(), body.apiToken().trim()))
                .map(IntegrationView::of);
    }

    @GET
    @Operation(summary = "Status, connection windows and health of the org's Aircall integration (admin)")
    public Uni<IntegrationView> get() {
        return integrations.get(caller.orgId()).map(IntegrationView::of);
    }

    @PUT
    @Path("/settings")
    @Operation(summary = "The integration's settings (admin): autoBackfillGaps (default false) — when on, a reconnection "
            + "after a disconnection gap queues a GAP_BACKFILL run of the gap, at most ingest.backfill.max-range of it "
            + "(the most recent part; the rest is reported as notBackfilled); 404 before the first connection")
    public Uni<IntegrationView> updateSettings(@Valid @NotNull UpdateIntegrationSettings body) {
        return integrations.updateSettings(caller.orgId(), body.autoBackfillGaps()).map(IntegrationView::of);
    }

    @DELETE
    @Operation(summary = "Disconnect (admin): closes the connection window and forgets the key")
    public Uni<Response> disconnect() {
        return integrations.disconnect(caller.orgId()).replaceWith(Response.noContent().build());
    }
}
