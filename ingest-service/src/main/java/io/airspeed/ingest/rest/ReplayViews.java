package io.airspeed.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.RosterChangeKind;
import io.airspeed.ingest.domain.RunStatus;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.service.ReplayQueryService.Replay;
import io.airspeed.ingest.service.RunCounters;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bodies of {@code /api/replays}. */
public final class ReplayViews {

    private ReplayViews() {
    }

    @Schema(name = "Replay", description = "A replay of roster changes: the skipped calls they can alter, re-read and re-decided")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReplayView(UUID id, RunStatus status, Cause cause, Counts counts, ReplayProgress progress,
                             Instant createdAt, Instant startedAt, Instant finishedAt, String error) {

        static ReplayView of(Replay replay, ObjectMapper json) {
            IngestionRun run = replay.run();
            RunCounters counters = counters(run, json);
            long affected = run.aircallTotal == null ? 0 : run.aircallTotal;
            long gone = counters.reasons().getOrDefault(Reason.SKIPPED_DELETED_IN_AIRCALL.name(), 0L);
            long skipped = counters.outcomes().getOrDefault(Outcome.SKIPPED.name(), 0L);
            Double percent = null;
            if (affected > 0) {
                percent = Math.min(100.0, Math.round(1000.0 * run.fetched / affected) / 10.0);
            } else if (run.status == RunStatus.SUCCEEDED) {
                percent = 100.0;
            }
            return new ReplayView(run.id, run.status,
                    new Cause(replay.cause().changeKinds(), replay.cause().userIds(), replay.cause().changeCount()),
                    new Counts(affected, run.fetched, counters.outcomes().getOrDefault(Outcome.IMPORTED.name(), 0L),
                            skipped - gone, counters.outcomes().getOrDefault(Outcome.PENDING.name(), 0L), gone),
                    new ReplayProgress(run.fetched, affected, percent), run.createdAt, run.startedAt, run.finishedAt, run.error);
        }

        /** A queued replay has counted nothing yet ("{}"). */
        private static RunCounters counters(IngestionRun run, ObjectMapper json) {
            try {
                RunCounters read = json.readValue(run.countsJson, RunCounters.class);
                return new RunCounters(read.outcomes() == null ? Map.of() : read.outcomes(),
                        read.reasons() == null ? Map.of() : read.reasons());
            } catch (JsonProcessingException e) {
                return RunCounters.empty();
            }
        }
    }

    @Schema(name = "ReplayCause", description = "The roster changes replayed: their kinds, their users (at most 100 listed) and how many")
    public record Cause(List<RosterChangeKind> changeKinds, List<UUID> userIds, long changeCount) {
    }

    @Schema(name = "ReplayCounts", description = "affected: skipped decisions the changes can alter; reread: read again from "
            + "Aircall so far; imported: now imported; stillSkipped: skipped again (the rules still say no); pending: now "
            + "waiting (e.g. for the recording); gone: Aircall no longer has the call")
    public record Counts(long affected, long reread, long imported, long stillSkipped, long pending, long gone) {
    }

    @Schema(name = "ReplayProgress", description = "done of total decisions re-read")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReplayProgress(long done, long total, Double percent) {
    }

    @Schema(name = "ReplayPage")
    public record ReplayPage(List<ReplayView> items, int page, int size, long totalItems, long totalPages) {
    }
}
