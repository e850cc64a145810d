package io.airspeed.ingest.repository;

import io.airspeed.ingest.domain.IngestionRun;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class IngestionRunRepository implements PanacheRepositoryBase<IngestionRun, UUID> {

    public Uni<IngestionRun> findInOrg(UUID orgId, UUID runId) {
        return find("orgId = ?1 and id = ?2", orgId, runId).firstResult();
    }
}
