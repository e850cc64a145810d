package io.airspeed.ingest.rest;

import io.airspeed.ingest.domain.DecisionFilter;
import io.airspeed.ingest.rest.IngestViews.DecisionPage;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.security.Caller;
import io.airspeed.ingest.service.DecisionLogService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


@Path("/api/ingestion/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Decision log")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.ADMIN)
public class DecisionResource {

    private final DecisionLogService decisions;
    private final Caller caller;

    DecisionResource(DecisionLogService decisions, Caller caller) {
        this.decisions = decisions;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Every call ingestion fetched, imported or not, with its reasons; newest first (admin)",
            description = "Ordered by the call's start descending, then aircallCallId descending. Read page by page: "
                    + "each answer's nextCursor, passed as cursor with the same filters, gives the next page, until "
                    + "hasMore is false. total is exact up to 10,000; above, it is 10,000 with exact false. "
                    + "history: the decision's first outcome and each change of outcome or primary reason, oldest first.")
    @APIResponse(responseCode = "200", description = "One page of the log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionPage.class)))
    @APIResponse(responseCode = "400", description = "A filter, size, page or cursor is invalid: a cursor of another "
            + "org, admin or other filters, or an altered one, is refused (errors[].field = cursor)")
    public Uni<DecisionPage> search(
            @Parameter(description = "Only this Aircall call")
            @QueryParam("aircallCallId") String aircallCallId,
            @Parameter(description = "Only decisions with this outcome", schema = @Schema(implementation = Outcome.class))
            @QueryParam("outcome") String outcome,
            @Parameter(description = "Only decisions having this reason among all their reasons",
                    schema = @Schema(implementation = Reason.class))
            @QueryParam("reason") String reason,
            @Parameter(description = "Calls that started at or after this instant (ISO-8601)")
            @QueryParam("from") String from,
            @Parameter(description = "Calls that started before this instant (ISO-8601)")
            @QueryParam("to") String to,
            @Parameter(description = "Only calls of this Aircall user's email (case and surrounding spaces ignored)")
            @QueryParam("email") String email,
            @Parameter(description = "Where the page starts: the nextCursor of the previous answer, opaque; absent for "
                    + "the first page. Valid only with the filters and the admin it was issued for")
            @QueryParam("cursor") String cursor,
            @Parameter(deprecated = true, description = "Deprecated, use cursor: 0-based page number, only within the "
                    + "first 10,000 decisions ((page + 1) * size <= 10000); not with cursor",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
            @QueryParam("page") String pageParameter,
            @Parameter(description = "Page size, 1 to " + QueryParameters.MAX_PAGE_SIZE, schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("size") String sizeParameter) {
        int size = QueryParameters.size(sizeParameter);
        DecisionLogService.Start start = new DecisionLogService.Start(QueryParameters.text(cursor),
                QueryParameters.optionalPage(pageParameter));
        DecisionFilter filter = new DecisionFilter(QueryParameters.positiveLong("aircallCallId", aircallCallId),
                QueryParameters.enumValue("outcome", outcome, Outcome.class),
                QueryParameters.enumValue("reason", reason, Reason.class),
                QueryParameters.instant("from", from), QueryParameters.instant("to", to), email);
        return decisions.search(caller.orgId(), caller.userId(), filter, start, size).map(DecisionPage::of);
    }
}
