package io.airspeed.ingest.service;

import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.repository.IngestionRunRepository;
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

    /** A run of the caller's org only. */
    @WithSession
    public Uni<IngestionRun> get(UUID orgId, UUID runId) {
        return runs.findInOrg(orgId, runId);
    }
}
