package io.airspeed.ingest.service;

import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.RosterChangeKind;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.RosterChangeRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The org's replays and what caused each. */
@ApplicationScoped
public class ReplayQueryService {

    /** The most user ids a replay's cause lists; the change count stays exact. */
    static final int MAX_USERS_SHOWN = 100;

    private final IngestionRunRepository runs;
    private final RosterChangeRepository changes;

    ReplayQueryService(IngestionRunRepository runs, RosterChangeRepository changes) {
        this.runs = runs;
        this.changes = changes;
    }

    /** What caused a replay: the kinds of its changes, their users, and how many changes. */
    public record Cause(List<RosterChangeKind> changeKinds, List<UUID> userIds, long changeCount) {
        static final Cause NONE = new Cause(List.of(), List.of(), 0);
    }

    public record Replay(IngestionRun run, Cause cause) {
    }

    public record PageOf(List<Replay> items, int page, int size, long totalItems) {
    }

    @WithSession
    public Uni<PageOf> list(UUID orgId, int page, int size) {
        return runs.replaysOf(orgId, page, size)
                .chain(found -> causes(found).chain(items -> runs.countReplaysOf(orgId)
                        .map(total -> new PageOf(items, page, size, total))));
    }

    /** Null when the org has no such replay. */
    @WithSession
    public Uni<Replay> get(UUID orgId, UUID id) {
        return runs.findInOrg(orgId, id).chain(run -> run == null || run.kind != RunKind.REPLAY
                ? Uni.createFrom().nullItem()
                : causes(List.of(run)).map(items -> items.get(0)));
    }

    private Uni<List<Replay>> causes(List<IngestionRun> replays) {
        return changes.causesOf(replays.stream().map(run -> run.id).toList()).map(rows -> {
            Map<UUID, Cause> byRun = new HashMap<>();
            for (Object[] row : rows) {
                List<RosterChangeKind> kinds = Arrays.stream(((String) row[1]).split(",")).map(RosterChangeKind::valueOf).toList();
                List<UUID> users = Arrays.stream(((String) row[2]).split(",")).limit(MAX_USERS_SHOWN).map(UUID::fromString).toList();
                byRun.put((UUID) row[0], new Cause(kinds, users, ((Number) row[3]).longValue()));
            }
            return replays.stream().map(run -> new Replay(run, byRun.getOrDefault(run.id, Cause.NONE))).toList();
        });
    }
}
