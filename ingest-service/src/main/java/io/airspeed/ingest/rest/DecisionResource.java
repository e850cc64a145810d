package io.airspeed.ingest.rest;

import io.airspeed.ingest.rest.IngestViews.DecisionPage;
import io.airspeed.ingest.rest.IngestViews.DecisionView;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.security.Caller;
import io.airspeed.ingest.service.DecisionLogService;
import io.airspeed.ingest.service.DecisionLogService.Filters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;


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
    @Operation(summary = "Every call ingestion fetched, imported or not, with its reasons; newest first (admin). "
            + "reason matches any of a decision's reasons; from/to bound the call's start; email is the Aircall user's. "
            + "history: the decision's first outcome and each change of outcome or primary reason, oldest first")
    public Uni<DecisionPage> search(@QueryParam("aircallCallId") String aircallCallId,
                                    @QueryParam("outcome") String outcome,
                                    @QueryParam("reason") String reason,
                                    @QueryParam("from") String from,
                                    @QueryParam("to") String to,
                                    @QueryParam("email") String email,
                                    @QueryParam("page") String pageParameter,
                                    @QueryParam("size") String sizeParameter) {
        int page = QueryParameters.page(pageParameter);
        int size = QueryParameters.size(sizeParameter);
        Filters filters = new Filters(QueryParameters.positiveLong("aircallCallId", aircallCallId),
                QueryParameters.enumValue("outcome", outcome, Outcome.class),
                QueryParameters.enumValue("reason", reason, Reason.class),
                QueryParameters.instant("from", from), QueryParameters.instant("to", to), email);
        return decisions.search(caller.orgId(), filters, page, size)
                .map(result -> new DecisionPage(result.items().stream()
                        .map(d -> DecisionView.of(d, result.histories().getOrDefault(d.aircallCallId, List.of()))).toList(), result.page(),
                        result.size(), result.totalItems(), (result.totalItems() + size - 1) / size));
    }
}
