package io.airspeed.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.domain.RunStatus;
import io.airspeed.ingest.rest.IngestViews.RunList;
import io.airspeed.ingest.rest.IngestViews.RunSummary;
import io.airspeed.ingest.rest.IngestViews.RunView;
import io.airspeed.ingest.security.Caller;
import io.airspeed.ingest.service.NotFoundException;
import io.airspeed.ingest.service.RunLauncher;
import io.airspeed.ingest.service.RunLauncher.Launch;
import io.airspeed.ingest.service.RunQueryService;
import io.smallrye.mutiny.Multi;
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
    @Operation(summary = "Start ingestion: a service token runs every connected org, an admin token its own org. "
            + "A run already going for an org is joined, never doubled. With wait=true the answer comes when the "
            + "runs have finished: 200 when all succeeded, 502 when one failed (so the CronJob's curl --fail fails), "
            + "202 when still running at the wait limit.")
    public Uni<Response> start(@QueryParam("wait") boolean wait) {
        Uni<List<Launch>> launches = caller.isService()
                ? launcher.triggerAllConnected("cron")
                : launcher.triggerOrg(caller.orgId(), "admin:" + caller.userId()).map(List::of);
        if (!wait) {
            return launches.map(list -> Response.accepted(summaries(list.stream().map(Launch::run).toList(), list)).build());
        }
        return launches.chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(launch -> waitFor(launch))
                .collect().asList()
                .map(finished -> {
                    RunList body = summaries(finished, list);
                    boolean failed = finished.stream().anyMatch(run -> run.status == RunStatus.FAILED);
                    boolean running = finished.stream().anyMatch(run -> run.status == RunStatus.RUNNING);
                    int status = failed ? 502 : running ? 202 : 200;
                    return Response.status(status).entity(body).build();
                }));
    }

    /** A joined backfill can take an hour; the CronJob does not wait for it. */
    private Uni<IngestionRun> waitFor(Launch launch) {
        if (launch.joined() && launch.run().kind == RunKind.BACKFILL) {
            return Uni.createFrom().item(launch.run());
        }
        return launcher.awaitFinished(launch.run().id, config.runs().waitTimeout());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.SERVICE, Caller.ADMIN})
    @Operation(summary = "A run: status, window, progress (fetched / Aircall's total), counts per outcome and reason, Aircall requests and 429s, error")
    public Uni<RunView> get(@PathParam("id") UUID id) {
        Uni<IngestionRun> run = caller.isService() ? queries.get(id) : queries.get(caller.orgId(), id);
        return run.onItem().ifNull().failWith(() -> new NotFoundException("No run " + id))
                .map(found -> RunView.of(found, json));
    }

    private static RunList summaries(List<IngestionRun> runs, List<Launch> launches) {
        return new RunList(java.util.stream.IntStream.range(0, runs.size())
                .mapToObj(i -> new RunSummary(runs.get(i).id, runs.get(i).orgId, runs.get(i).kind, runs.get(i).status,
                        launches.get(i).joined()))
                .toList());
    }
}
