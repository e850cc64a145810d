package io.airspeed.visibility.rest;

import io.airspeed.visibility.domain.CallFilter;
import io.airspeed.visibility.rest.CallRequests.ChangeVisibility;
import io.airspeed.visibility.rest.CallResponses.CallView;
import io.airspeed.visibility.rest.CallResponses.PageView;
import io.airspeed.visibility.security.Caller;
import io.airspeed.visibility.service.CallService;
import io.airspeed.visibility.service.InvalidFieldException;
import io.airspeed.visibility.service.NotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/** The calls of the caller's org that the caller may see (rule 5). The org comes from the token only. */
@Path("/api/calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Calls")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Caller.ADMIN, Caller.MEMBER})
public class CallResource {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;

    private final CallService calls;
    private final Caller caller;

    CallResource(CallService calls, Caller caller) {
        this.calls = calls;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The calls the caller may see, newest first",
            description = "Admins see every call of their org; members see its public calls and the private calls "
                    + "they take part in. Ordered by startedAt descending, then id descending.")
    public Uni<PageView<CallView>> list(
            @Parameter(description = "0-based page number", schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
                    defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to " + MAX_SIZE, schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("size") String size,
            @Parameter(description = "Calls that started at or after this instant (ISO-8601)")
            @QueryParam("from") String from,
            @Parameter(description = "Calls that started before this instant (ISO-8601)")
            @QueryParam("to") String to,
            @Parameter(description = "Only calls this user takes part in (user id)")
            @QueryParam("participant") String participant) {
        Instant fromInstant = QueryParameters.instant("from", from);
        Instant toInstant = QueryParameters.instant("to", to);
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
            throw new InvalidFieldException("to", "must be after from");
        }
        CallFilter filter = new CallFilter(fromInstant, toInstant, QueryParameters.uuid("participant", participant));
        // Parsed here rather than bound to int: JAX-RS answers 404 to a query parameter it cannot convert.
        int pageNumber = QueryParameters.integer("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE);
        int pageSize = QueryParameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        return calls.list(caller.viewer(), filter, pageNumber, pageSize).map(result -> PageView.of(result, CallView::of));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One call; 404 when it does not exist or the caller may not see it (the same answer)",
            description = "Admins also get the call's visibility history.")
    @APIResponse(responseCode = "404", description = "No such call, or not visible to the caller")
    public Uni<CallView> get(@PathParam("id") String id) {
        return calls.get(caller.viewer(), callId(id)).map(CallView::of);
    }

    @PATCH
    @Path("/{id}/visibility")
    @Operation(summary = "Make a call public or private (its participants and admins)")
    @APIResponse(responseCode = "403", description = "The caller may see the call but neither takes part in it nor is an admin")
    @APIResponse(responseCode = "404", description = "No such call, or not visible to the caller")
    public Uni<CallView> changeVisibility(@PathParam("id") String id, @Valid @NotNull ChangeVisibility body) {
        return calls.changeVisibility(caller.viewer(), callId(id), body.visibility()).map(CallView::of);
    }

    /** A malformed id is a call that does not exist: same status, same body. */
    private static UUID callId(String id) {
        try {
            return QueryParameters.parseUuid(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(CallService.NOT_FOUND);
        }
    }
}
