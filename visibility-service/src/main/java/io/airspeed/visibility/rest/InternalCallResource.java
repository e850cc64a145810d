package io.airspeed.visibility.rest;

import io.airspeed.visibility.rest.CallRequests.ImportCall;
import io.airspeed.visibility.rest.CallRequests.ImportCallItem;
import io.airspeed.visibility.rest.CallRequests.ImportCalls;
import io.airspeed.visibility.rest.CallResponses.BatchImportView;
import io.airspeed.visibility.rest.CallResponses.CallAccessView;
import io.airspeed.visibility.rest.CallResponses.ImportedCallView;
import io.airspeed.visibility.security.Caller;
import io.airspeed.visibility.security.UserTokenVerifier;
import io.airspeed.visibility.service.BatchImportResult;
import io.airspeed.visibility.service.CallImportService;
import io.airspeed.visibility.service.CallService;
import io.airspeed.visibility.service.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Service-to-service endpoints (service token only): ingestion delivers imported calls here, and
 * the "why is my call missing?" diagnosis asks whether a user may see one.
 */
@Path("/internal/orgs/{orgId}/calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.SERVICE)
public class InternalCallResource {

    private static final String AIRCALL_ID = "[1-9][0-9]{0,17}";
    private static final String AIRCALL_ID_MESSAGE = "must be Aircall's numeric call id";

    /** The log category of {@link #logReceived} (lower case, so that an environment variable can name it). */
    public static final String DELIVERIES_LOG = "io.airspeed.visibility.deliveries";
    private static final Logger DELIVERIES = Logger.getLogger(DELIVERIES_LOG);

    /** The header a service forwards the asking user's token in. */
    public static final String USER_TOKEN_HEADER = "X-Airspeed-User-Token";

    private final CallImportService imports;
    private final CallService calls;
    private final UserTokenVerifier users;

    InternalCallResource(CallImportService imports, CallService calls, UserTokenVerifier users) {
        this.imports = imports;
        this.calls = calls;
        this.users = users;
    }

    @PUT
    @Path("/{aircallCallId}")
    @Operation(summary = "Import (idempotent upsert) a call",
            description = "201 when the call is new: it gets the org's default visibility. 200 on a re-delivery: "
                    + "Aircall's facts are refreshed, the visibility someone chose is kept. A delivery whose "
                    + "deliveryVersion is not above the one applied changes nothing and answers 200 with the call as held.")
    @APIResponse(responseCode = "201", description = "Imported; Location is the call's /api/calls/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportedCallView.class)))
    @APIResponse(responseCode = "200", description = "Already imported; facts refreshed (or kept, for an older version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportedCallView.class)))
    public Uni<Response> upsert(@PathParam("orgId") String orgId,
                                @PathParam("aircallCallId") @Pattern(regexp = AIRCALL_ID, message = AIRCALL_ID_MESSAGE)
                                String aircallCallId,
                                @Valid @NotNull ImportCall body) {
        return imports.upsert(org(orgId), Long.parseLong(aircallCallId), body.deliveryVersion(), body.facts()).map(result -> {
            ImportedCallView view = ImportedCallView.of(result.details());
            return result.created()
                    ? Response.created(URI.create("/api/calls/" + view.id())).entity(view).build()
                    : Response.ok(view).build();
        });
    }

    @PUT
    @Operation(summary = "Import (idempotent upsert) up to " + ImportCalls.MAX + " calls at once",
            description = "Each call is applied exactly as the single PUT /internal/orgs/{orgId}/calls/{aircallCallId} "
                    + "applies it: a new call gets the org's default visibility (CREATED); a newer deliveryVersion "
                    + "refreshes Aircall's facts and keeps the visibility someone chose (UPDATED); a deliveryVersion not "
                    + "above the one applied changes nothing (UNCHANGED). All or nothing: more than " + ImportCalls.MAX
                    + " calls, the same aircallCallId twice, or an invalid item answers 400 naming the field "
                    + "(e.g. calls[3].startedAt) and writes nothing.")
    @APIResponse(responseCode = "200", description = "Every call applied; one result per call, in the order delivered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BatchImportView.class)))
    @APIResponse(responseCode = "400", description = "Too many calls, a call twice, or an invalid item; nothing written")
    public Uni<BatchImportView> upsertAll(@PathParam("orgId") String orgId, @Valid @NotNull ImportCalls body) {
        UUID org = org(orgId);
        return imports.importAll(org, body.calls().stream().map(ImportCallItem::delivery).toList())
                .invoke(results -> logReceived(org, results))
                .map(BatchImportView::of);
    }

    /**
     * One line per bulk import that committed, naming every call it carried: what the access log
     * says of a single PUT (its path names the call), for a request whose path does not. Off unless
     * the category {@value #DELIVERIES_LOG} is set to DEBUG (the system tests count deliveries so).
     */
    private static void logReceived(UUID orgId, List<BatchImportResult> results) {
        if (DELIVERIES.isDebugEnabled()) {
            DELIVERIES.debugf("Bulk import of org %s received calls %s", orgId, results.stream()
                    .map(r -> Long.toString(r.aircallCallId())).collect(Collectors.joining(",")));
        }
    }

    @GET
    @Path("/by-aircall-id/{aircallCallId}/access")
    @Operation(summary = "Was this Aircall call imported, and may this user see it?",
            description = "Whether the user is an admin (admins see every call of their org) comes from the user's own "
                    + "token in the " + USER_TOKEN_HEADER + " header, verified here like any user token; without it the "
                    + "user is judged as a member. callId and visibility are absent when the call was not imported.")
    @APIResponse(responseCode = "403", description = "The forwarded user token does not verify, or is another user's or org's")
    public Uni<CallAccessView> access(@PathParam("orgId") String orgId,
                                      @PathParam("aircallCallId") @Pattern(regexp = AIRCALL_ID, message = AIRCALL_ID_MESSAGE)
                                      String aircallCallId,
                                      @Parameter(description = "The Airspeed user asking", required = true)
                                      @QueryParam("userId") @NotNull String userId,
                                      @Parameter(description = "That user's bearer token, as the user sent it to the asking service")
                                      @HeaderParam(USER_TOKEN_HEADER) String userToken) {
        UUID org = org(orgId);
        UUID user = QueryParameters.uuid("userId", userId);
        return users.viewer(org, user, userToken)
                .chain(viewer -> calls.access(viewer, Long.parseLong(aircallCallId)))
                .map(CallAccessView::of);
    }

    private static UUID org(String orgId) {
        try {
            return QueryParameters.parseUuid(orgId);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("orgId", "must be a UUID");
        }
    }
}
