package io.airspeed.users.rest;

import io.airspeed.users.rest.UserRequests.CreateOrg;
import io.airspeed.users.rest.UserResponses.CreatedOrgView;
import io.airspeed.users.rest.UserResponses.RosterView;
import io.airspeed.users.security.Caller;
import io.airspeed.users.service.OrgService;
import io.airspeed.users.service.RosterService;
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

/** Service-to-service endpoints: org bootstrap and the roster ingestion reads. */
@Path("/internal/orgs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.SERVICE)
public class OrgResource {

    private final OrgService orgs;
    private final RosterService roster;

    OrgResource(OrgService orgs, RosterService roster) {
        this.orgs = orgs;
        this.roster = roster;
    }

    @POST
    @Operation(summary = "Bootstrap an org and, optionally, its first admin with a Recording seat")
    public Uni<Response> create(@Valid @NotNull CreateOrg body) {
        return orgs.bootstrap(body.name(), body.admin() == null ? null : body.admin().email(),
                        body.admin() == null ? null : body.admin().name())
                .map(created -> Response.created(URI.create("/internal/orgs/" + created.org().id))
                        .entity(CreatedOrgView.of(created.org(), created.admin())).build());
    }

    @GET
    @Path("/{orgId}")
    @Operation(summary = "One org")
    public Uni<CreatedOrgView> get(@PathParam("orgId") UUID orgId) {
        return orgs.get(orgId).map(org -> CreatedOrgView.of(org, null));
    }

    @GET
    @Path("/{orgId}/roster")
    @Operation(summary = "Every user of the org with normalized emails, linked Aircall user ids, seat, role and active flag")
    public Uni<RosterView> roster(@PathParam("orgId") UUID orgId) {
        return roster.roster(orgId).map(users -> new RosterView(orgId, users));
    }
}
