package io.airspeed.ingest.service;

import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.RunStatus;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class RunQueryService {

    private final IngestionRunRepository runs;

    RunQueryService(IngestionRunRepository runs) {
        this.runs = runs;
    }

    /** Any org's run: for service tokens. */
    @WithSession
    public Uni<IngestionRun> get(UUID runId) {
        return runs.findById(runId);
    }

    /** A run with, while it waits, its place in the org's queue (1: next to start once the current run ends). */
    public record QueuedRun(IngestionRun run, Long queuePosition) {
    }

    /** The run (null stays null) with its queue position while it is QUEUED. */
    public Uni<QueuedRun> positioned(IngestionRun run) {
        if (run == null || run.status != RunStatus.QUEUED) {
            return Uni.createFrom().item(run == null ? null : new QueuedRun(run, null));
        }
        return Panache.withSession(() -> runs.countQueuedAhead(run)).map(ahead -> new QueuedRun(run, ahead + 1));
    }

    /** A run of the caller's org only. */
    @WithSession
    public Uni<IngestionRun> get(UUID orgId, UUID runId) {
        return runs.findInOrg(orgId, runId);
    }
}
