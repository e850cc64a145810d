package io.airspeed.ingest.service;

import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** An admin imports a past range: the same rules except rule 6, which the admin's choice overrides. */
@ApplicationScoped
public class BackfillService {

    private final RunLauncher launcher;
    private final IngestionRunRepository runs;
    private final IngestConfig config;
    private final Clock clock;

    BackfillService(RunLauncher launcher, IngestionRunRepository runs, IngestConfig config, Clock clock) {
        this.launcher = launcher;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
    }

    public Uni<IngestionRun> start(UUID orgId, UUID adminId, Instant from, Instant to) {
        validate(from, to);
        return launcher.backfill(orgId, "admin:" + adminId, from, to).map(launch -> {
            if (launch.joined()) {
                throw new ConflictException("A " + launch.run().kind.name().toLowerCase() + " run (" + launch.run().id
                        + ") is in progress for your org; start the backfill when it has finished");
            }
            return launch.run();
        });
    }

    @WithSession
    public Uni<IngestionRun> get(UUID orgId, UUID backfillId) {
        return runs.findInOrg(orgId, backfillId)
                .onItem().ifNull().failWith(() -> new NotFoundException("No backfill " + backfillId + " in your org"))
                .invoke(run -> {
                    if (run.kind != RunKind.BACKFILL) {
                        throw new NotFoundException("No backfill " + backfillId + " in your org");
                    }
                });
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
