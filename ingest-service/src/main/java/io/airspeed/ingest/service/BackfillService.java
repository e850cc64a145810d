package io.airspeed.ingest.service;

import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An admin imports a past range: the same rules except rule 6, which the admin's choice overrides.
 * Backfills wait in the org's queue and run one after the other, in the order they were asked for.
 */
@ApplicationScoped
public class BackfillService {

    private final RunLauncher launcher;
    private final RunQueryService queries;
    private final IngestionRunRepository runs;
    private final IngestConfig config;
    private final Clock clock;

    BackfillService(RunLauncher launcher, RunQueryService queries, IngestionRunRepository runs, IngestConfig config, Clock clock) {
        this.launcher = launcher;
        this.queries = queries;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Queues the backfill: it starts when the org's current run and the runs queued before it have
     * finished (its status is QUEUED until then), or answers 409 when the org's queue is full.
     */
    public Uni<RunQueryService.QueuedRun> start(UUID orgId, UUID adminId, Instant from, Instant to) {
        validate(from, to);
        return launcher.backfill(orgId, "admin:" + adminId, from, to).chain(launch -> queries.positioned(launch.run()));
    }

    /** A backfill of the org: an admin's or a gap's (GAP_BACKFILL). */
    public Uni<RunQueryService.QueuedRun> get(UUID orgId, UUID backfillId) {
        return Panache.withSession(() -> runs.findInOrg(orgId, backfillId)
                .onItem().ifNull().failWith(() -> new NotFoundException("No backfill " + backfillId + " in your org"))
                .invoke(run -> {
                    if (!run.kind.isBackfill()) {
                        throw new NotFoundException("No backfill " + backfillId + " in your org");
                    }
                })
                .chain(queries::positioned));
    }

    private void validate(Instant from, Instant to) {
        Duration maxRange = config.backfill().maxRange();
        if (!from.isBefore(to)) {
            throw new InvalidFieldException("from", "must be before to");
        }
        if (to.isAfter(clock.instant())) {
            throw new InvalidFieldException("to", "must not be in the future");
        }
        if (Duration.between(from, to).compareTo(maxRange) > 0) {
            throw new InvalidFieldException("to", "the range may span at most " + maxRange.toDays() + " days");
        }
    }
}
