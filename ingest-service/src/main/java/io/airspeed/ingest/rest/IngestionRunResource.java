package io.airspeed.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.RunStatus;
import io.airspeed.ingest.rest.IngestViews.FailedRuns;
import io.airspeed.ingest.rest.IngestViews.RunList;
import io.airspeed.ingest.rest.IngestViews.RunSummary;
import io.airspeed.ingest.rest.IngestViews.RunView;
import io.airspeed.ingest.security.Caller;
import io.airspeed.ingest.service.NotFoundException;
import io.airspeed.ingest.service.RunLauncher;
import io.airspeed.ingest.service.RunLauncher.Launch;
import io.airspeed.ingest.service.RunQueryService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/ingestion/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ingestion runs")
@SecurityRequirement(name = "jwt")
public class IngestionRunResource {

    private final RunLauncher launcher;
    private final RunQueryService queries;
    private final Caller caller;
    private final IngestConfig config;
    private final ObjectMapper json;

    IngestionRunResource(RunLauncher launcher, RunQueryService queries, Caller caller, IngestConfig config, ObjectMapper json) {
        this.launcher = launcher;
        this.queries = queries;
        this.caller = caller;
        this.config = config;
        this.json = json;
    }

    @POST
    @RolesAllowed({Caller.SERVICE, Caller.ADMIN})
    @Operation(summary = "Start ingestion: a service token queues a run for every connected org, an admin token for its own "
            + "org; the replicas' workers claim queued runs, a bounded number each. A run already going or queued for an "
            + "org is joined, never doubled, and one org's failure does not stop the others. With wait=true the answer "
            + "comes when all the runs have finished or at one deadline for all (ingest.runs.wait-timeout): 200 when all "
            + "succeeded, 502 naming the orgs whose runs failed (so the CronJob's curl --fail fails), 202 when some are "
            + "still running at the deadline.")
    public Uni<Response> start(@QueryParam("wait") boolean wait) {
        Uni<List<Launch>> launches = caller.isService()
                ? launcher.triggerAllConnected("cron")
                : launcher.triggerOrg(caller.orgId(), "admin:" + caller.userId()).map(List::of);
        if (!wait) {
            return launches.map(list -> Response.accepted(new RunList(summaries(list))).build());
        }
        return launches.chain(list -> launcher.awaitAll(list, config.runs().waitTimeout())).map(IngestionRunResource::answer);
    }

    private static Response answer(List<Launch> launches) {
        List<RunSummary> runs = summaries(launches);
        List<UUID> failedOrgs = launches.stream().filter(Launch::failed).map(Launch::orgId).distinct().toList();
        if (!failedOrgs.isEmpty()) {
            return Response.status(502).entity(new FailedRuns(runs, failedOrgs, "The runs of " + failedOrgs.size() + " of "
                    + launches.size() + " orgs failed: " + failedOrgs)).build();
        }
        boolean running = launches.stream().anyMatch(launch -> launch.run() != null && !launch.run().isFinished()
                && !(launch.joined() && launch.run().kind.isBackfill()));
        return Response.status(running ? 202 : 200).entity(new RunList(runs)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.SERVICE, Caller.ADMIN})
    @Operation(summary = "A run: status, window, progress (fetched / Aircall's total), counts per outcome and reason, Aircall requests and 429s, error")
    public Uni<RunView> get(@PathParam("id") UUID id) {
        Uni<IngestionRun> run = caller.isService() ? queries.get(id) : queries.get(caller.orgId(), id);
        return run.onItem().ifNull().failWith(() -> new NotFoundException("No run " + id))
                .chain(queries::positioned)
                .map(found -> RunView.of(found, json));
    }

    private static List<RunSummary> summaries(List<Launch> launches) {
        return launches.stream().map(launch -> launch.run() == null
                        ? new RunSummary(null, launch.orgId(), null, RunStatus.FAILED, false, launch.error())
                        : new RunSummary(launch.run().id, launch.orgId(), launch.run().kind, launch.run().status, launch.joined(),
                                launch.run().error))
                .toList();
    }
}
