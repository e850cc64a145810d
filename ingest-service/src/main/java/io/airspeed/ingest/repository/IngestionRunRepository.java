package io.airspeed.ingest.repository;

import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.domain.RunStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class IngestionRunRepository implements PanacheRepositoryBase<IngestionRun, UUID> {

    /** Ranges an admin chose to backfill: rule 6 does not apply to calls that started in them. */
    public Uni<List<IngestionRun>> backfillsOf(UUID orgId) {
        return list("orgId = ?1 and kind = ?2 and status <> ?3", orgId, RunKind.BACKFILL, RunStatus.FAILED);
    }

    public Uni<IngestionRun> findInOrg(UUID orgId, UUID runId) {
        return find("orgId = ?1 and id = ?2", orgId, runId).firstResult();
    }

    /** Every backfill of the org, failed ones included: what each of them read is up to its cursor. */
    public Uni<List<IngestionRun>> allBackfillsOf(UUID orgId) {
        return list("orgId = ?1 and kind = ?2", orgId, RunKind.BACKFILL);
    }

    /** The org's replays, newest first. */
    public Uni<List<IngestionRun>> replaysOf(UUID orgId, int page, int size) {
        return find("orgId = ?1 and kind = ?2", io.quarkus.panache.common.Sort.by("createdAt", io.quarkus.panache.common.Sort.Direction.Descending)
                .and("id", io.quarkus.panache.common.Sort.Direction.Descending), orgId, RunKind.REPLAY)
                .page(io.quarkus.panache.common.Page.of(page, size)).list();
    }

    public Uni<Long> countReplaysOf(UUID orgId) {
        return count("orgId = ?1 and kind = ?2", orgId, RunKind.REPLAY);
    }
}
