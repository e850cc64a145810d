package io.airspeed.visibility.rest;

import io.airspeed.visibility.domain.CallFilter;
import io.airspeed.visibility.domain.Viewer;
import io.airspeed.visibility.rest.CallRequests.ChangeVisibility;
import io.airspeed.visibility.rest.CallResponses.CallView;
import io.airspeed.visibility.rest.CallResponses.CallPageView;
import io.airspeed.visibility.security.Caller;
import io.airspeed.visibility.service.CallService;
import io.airspeed.visibility.service.InvalidFieldException;
import io.airspeed.visibility.service.ListPosition;
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
    /** How deep the deprecated page numbers reach. */
    static final int OFFSET_LIMIT = 10_000;

    private final CallService calls;
    private final Caller caller;

    CallResource(CallService calls, Caller caller) {
        this.calls = calls;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The calls the caller may see, newest first",
            description = "Admins see every call of their org; members see its public calls and the private calls "
                    + "they take part in. Ordered by startedAt descending, then id descending. Page with `cursor`: "
                    + "pass the previous answer's nextCursor to get the next page; a cursor is bound to the caller and "
                    + "the filters it was issued with. `total` is exact up to 10,000 calls; above, it is 10,000 with "
                    + "exact=false. `page` (offset paging) is deprecated and limited to the first 10,000 calls.")
    @APIResponse(responseCode = "200", description = "One page of calls")
    @APIResponse(responseCode = "400", description = "A parameter is malformed, or the cursor was issued for another "
            + "user, org or filter set, or altered (errors[].field names it)")
    public Uni<CallPageView> list(
            @Parameter(description = "Where the page starts: the nextCursor of the previous page (opaque)")
            @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to " + MAX_SIZE, schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("size") String size,
            @Parameter(description = "Calls that started at or after this instant (ISO-8601)")
            @QueryParam("from") String from,
            @Parameter(description = "Calls that started before this instant (ISO-8601)")
            @QueryParam("to") String to,
            @Parameter(description = "Only calls this user takes part in (user id)")
            @QueryParam("participant") String participant,
            @Parameter(deprecated = true, description = "Deprecated: 0-based page number; use cursor. Only within the "
                    + "first " + OFFSET_LIMIT + " calls", schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
            @QueryParam("page") String page) {
        Instant fromInstant = QueryParameters.instant("from", from);
        Instant toInstant = QueryParameters.instant("to", to);
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
            throw new InvalidFieldException("to", "must be after from");
        }
        CallFilter filter = new CallFilter(fromInstant, toInstant, QueryParameters.uuid("participant", participant));
        // Parsed here rather than bound to int: JAX-RS answers 404 to a query parameter it cannot convert.
        int pageSize = QueryParameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        Viewer viewer = caller.viewer();
        // An empty cursor is no cursor: the first page (clients write cursor=${next ?? ''}).
        String after = cursor == null || cursor.isEmpty() ? null : cursor;
        Integer pageNumber = page == null ? null : pageNumber(page, after, pageSize);
        ListPosition position = after != null ? CallCursors.position(viewer, filter, after)
                : pageNumber != null ? ListPosition.offset((long) pageNumber * pageSize)
                : ListPosition.FIRST;
        // Without a cursor the page is numbered (0 when none was asked for); after a cursor it has no number.
        Integer shownNumber = after != null ? null : pageNumber != null ? pageNumber : Integer.valueOf(0);
        return calls.list(viewer, filter, position, pageSize).map(list -> CallPageView.of(list, pageSize, shownNumber,
                list.hasMore() ? CallCursors.next(viewer, filter, list.next(), list.total()) : null));
    }

    /** Offset paging reads every skipped row: it stays within the first calls, beyond that the cursor is the way. */
    private static int pageNumber(String page, String cursor, int pageSize) {
        if (cursor != null) {
            throw new InvalidFieldException("page", "must not be given with cursor");
        }
        int number = QueryParameters.integer("page", page, 0, 0, Integer.MAX_VALUE);
        if ((long) number * pageSize + pageSize > OFFSET_LIMIT) {
            throw new InvalidFieldException("page", "reaches past the first " + OFFSET_LIMIT
                    + " calls; page with cursor (nextCursor) instead");
        }
        return number;
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
