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

    /** Ranges backfilled (by an admin, or a gap healed): rule 6 does not apply to calls that started in them. */
    public Uni<List<IngestionRun>> backfillsOf(UUID orgId) {
        return list("orgId = ?1 and kind in ?2 and status <> ?3", orgId, BACKFILL_KINDS, RunStatus.FAILED);
    }

    /** Backfills of the org waiting in its queue (the queue's bound counts them). */
    public Uni<Long> countQueuedBackfills(UUID orgId) {
        return count("orgId = ?1 and kind in ?2 and status = ?3", orgId, BACKFILL_KINDS, RunStatus.QUEUED);
    }

    /** Runs of the org queued before this one: it starts after them (and after the one running). */
    public Uni<Long> countQueuedAhead(IngestionRun run) {
        return count("orgId = ?1 and status = ?2 and (createdAt < ?3 or (createdAt = ?3 and id < ?4))",
                run.orgId, RunStatus.QUEUED, run.createdAt, run.id);
    }

    /** The org's most recent gap backfills, newest first: the integration view reports them. */
    public Uni<List<IngestionRun>> gapBackfillsOf(UUID orgId, int limit) {
        return find("orgId = ?1 and kind = ?2 order by createdAt desc, id desc", orgId, RunKind.GAP_BACKFILL)
                .page(io.quarkus.panache.common.Page.ofSize(limit)).list();
    }

    private static final List<RunKind> BACKFILL_KINDS = java.util.Arrays.stream(RunKind.values())
            .filter(RunKind::isBackfill).toList();

    public Uni<IngestionRun> findInOrg(UUID orgId, UUID runId) {
        return find("orgId = ?1 and id = ?2", orgId, runId).firstResult();
    }

    /** Whether a run of the org is queued or running (its roster may have been read before a change). */
    public Uni<Boolean> hasRunGoing(UUID orgId) {
        return count("orgId = ?1 and status in ?2", orgId, List.of(RunStatus.QUEUED, RunStatus.RUNNING)).map(n -> n > 0);
    }

    /** Every backfill of the org, failed ones included: what each of them read is up to its cursor. */
    public Uni<List<IngestionRun>> allBackfillsOf(UUID orgId) {
        return list("orgId = ?1 and kind in ?2", orgId, BACKFILL_KINDS);
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
