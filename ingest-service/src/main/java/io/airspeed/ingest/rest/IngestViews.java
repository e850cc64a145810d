package io.airspeed.ingest.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airspeed.ingest.domain.CallDecision;
import io.airspeed.ingest.domain.ConnectionWindow;
import io.airspeed.ingest.domain.DecisionCause;
import io.airspeed.ingest.domain.DecisionHistoryEntry;
import io.airspeed.ingest.domain.DeliveryStatus;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.Integration;
import io.airspeed.ingest.domain.IntegrationStatus;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.domain.RunStatus;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.service.DecisionLogService;
import io.airspeed.ingest.service.IntegrationService;
import io.airspeed.ingest.service.RunCounters;
import io.airspeed.ingest.service.RunQueryService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bodies ingest-service answers with. Credentials appear in none of them. */
public final class IngestViews {

    private IngestViews() {
    }

    @Schema(name = "Integration", description = "gapBackfills: the most recent backfills of reconnection gaps, newest first")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IntegrationView(IntegrationStatus status, Instant connectedAt, Instant firstConnectedAt,
                                  Instant disconnectedAt, Instant brokenSince, String brokenReason,
                                  Instant lastSuccessfulRunAt, Instant scannedUntil, List<WindowView> windows,
                                  IntegrationSettingsView settings, List<GapBackfillView> gapBackfills) {

        static IntegrationView of(IntegrationService.IntegrationState state) {
            Integration integration = state.integration();
            return new IntegrationView(integration.status, integration.connectedAt, integration.firstConnectedAt,
                    integration.disconnectedAt, integration.brokenSince, integration.brokenReason,
                    integration.lastSuccessfulRunAt, integration.scannedUntil,
                    state.windows().stream().map(w -> new WindowView(w.openedAt, w.closedAt)).toList(),
                    new IntegrationSettingsView(integration.autoBackfillGaps),
                    state.gapBackfills().stream().map(GapBackfillView::of).toList());
        }
    }

    @Schema(name = "IntegrationSettings", description = "autoBackfillGaps: a reconnection after a disconnection gap "
            + "queues a GAP_BACKFILL run of the gap (default false)")
    public record IntegrationSettingsView(boolean autoBackfillGaps) {
    }

    @Schema(name = "GapBackfill", description = "window: the part of the gap backfilled; notBackfilled: the older part "
            + "of a gap longer than ingest.backfill.max-range, left unread")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GapBackfillView(UUID id, RunStatus status, WindowView window, WindowView notBackfilled) {

        static GapBackfillView of(IngestionRun run) {
            return new GapBackfillView(run.id, run.status, new WindowView(run.windowFrom, run.windowTo), RunView.notBackfilled(run));
        }
    }

    @Schema(name = "ConnectionWindow", description = "to is absent while the window is open")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WindowView(Instant from, Instant to) {
    }

    @Schema(name = "RunSummary", description = "error: the short public reason, when the run failed or could not be queued")
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunSummary(UUID id, UUID orgId, RunKind kind, RunStatus status, boolean joined, String error) {
    }

    @Schema(name = "RunList")
    @RegisterForReflection
    public record RunList(List<RunSummary> runs) {
    }

    @Schema(name = "FailedRuns", description = "wait=true when a run failed (502): every run, and the orgs whose run failed")
    @RegisterForReflection
    public record FailedRuns(List<RunSummary> runs, List<UUID> failedOrgs, String detail) {
    }

    @Schema(name = "Run", description = "queuePosition: while QUEUED, its place in the org's queue (1: next to start); startedAt: when a worker claimed it. "
            + "notBackfilled: the older part of a reconnection gap longer than the backfill maximum, left unread (GAP_BACKFILL)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunView(UUID id, UUID orgId, RunKind kind, RunStatus status, String trigger, WindowView window,
                          Progress progress, Map<String, Long> outcomes, Map<String, Long> reasons,
                          AircallUsage aircall, long pendingRechecked, long pendingRemaining, long deliveryPending,
                          long deliveryDeadLettered, String error,
                          Instant createdAt, Instant heartbeatAt, Instant finishedAt,
                          Long queuePosition, Instant startedAt, WindowView notBackfilled) {

        static RunView of(RunQueryService.QueuedRun queued, ObjectMapper json) {
            return of(queued.run(), queued.queuePosition(), json);
        }

        static RunView of(IngestionRun run, ObjectMapper json) {
            return of(run, null, json);
        }

        private static RunView of(IngestionRun run, Long queuePosition, ObjectMapper json) {
            RunCounters counters = counters(run, json);
            Double percent = null;
            if (run.aircallTotal != null && run.aircallTotal > 0) {
                percent = Math.min(100.0, Math.round(1000.0 * run.fetched / run.aircallTotal) / 10.0);
            } else if (run.status == RunStatus.SUCCEEDED) {
                percent = 100.0;
            }
            return new RunView(run.id, run.orgId, run.kind, run.status, run.trigger,
                    new WindowView(run.windowFrom, run.windowTo),
                    new Progress(run.fetched, run.aircallTotal, percent, run.cursorAt),
                    counters.outcomes(), counters.reasons(),
                    new AircallUsage(run.aircallRequests, run.throttled, run.retries),
                    run.pendingRechecked, run.pendingRemaining, run.deliveryPending, run.deliveryDeadLettered, run.error,
                    run.createdAt, run.heartbeatAt, run.finishedAt, queuePosition, run.startedAt, notBackfilled(run));
        }

        static WindowView notBackfilled(IngestionRun run) {
            return run.notBackfilledFrom == null ? null : new WindowView(run.notBackfilledFrom, run.notBackfilledTo);
        }

        private static RunCounters counters(IngestionRun run, ObjectMapper json) {
            try {
                return json.readValue(run.countsJson, RunCounters.class);
            } catch (JsonProcessingException e) {
                return RunCounters.empty();
            }
        }
    }

    @Schema(name = "RunProgress", description = "fetched of Aircall's total for the window; cursor: calls that started before it are decided")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(long fetched, Long aircallTotal, Double percent, Instant cursor) {
    }

    @Schema(name = "AircallUsage")
    public record AircallUsage(long requests, long throttled, long retries) {
    }

    @Schema(name = "Decision")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecisionView(long aircallCallId, Outcome outcome, Reason primaryReason, List<Reason> reasons,
                               String explanation, Facts facts, UUID ownerUserId, List<UUID> participantUserIds,
                               Instant firstSeenAt, Instant decidedAt, UUID runId, Delivery delivery,
                               List<HistoryView> history) {

        static DecisionView of(CallDecision d, List<DecisionHistoryEntry> history) {
            return new DecisionView(d.aircallCallId, d.outcome, d.primaryReason, d.reasonList(),
                    d.primaryReason == null ? null : d.primaryReason.remedy(),
                    new Facts(d.aircallStatus, d.startedAt, d.endedAt, d.durationSeconds, d.direction, d.aircallUserId,
                            d.aircallUserEmail, d.recordingPresent, d.missedCallReason, d.aircallLink),
                    d.ownerUserId, d.participantList(), d.firstSeenAt, d.decidedAt, d.runId,
                    d.deliveryStatus == DeliveryStatus.NONE ? null
                            : new Delivery(d.deliveryStatus, d.deliveryAttempts, d.lastDeliveryError, d.deliveredAt),
                    history.stream().map(h -> new HistoryView(h.outcome, h.reason, h.decidedAt, h.cause)).toList());
        }
    }

    @Schema(name = "DecisionHistory", description = "A decision's first outcome or a change of its outcome or primary "
            + "reason; cause: what decided it (RUN, BACKFILL, REPLAY, RECHECK)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryView(Outcome outcome, Reason reason, Instant decidedAt, DecisionCause cause) {
    }

    @Schema(name = "DecisionFacts", description = "What Aircall said about the call when it was decided")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Facts(String status, Instant startedAt, Instant endedAt, int durationSeconds, String direction,
                        Long aircallUserId, String aircallUserEmail, boolean recordingPresent, String missedCallReason,
                        String aircallLink) {
    }

    @Schema(name = "DecisionDelivery")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(DeliveryStatus status, int attempts, String lastError, Instant deliveredAt) {
    }

    @Schema(name = "DecisionPage", description = "One page of the decision log, newest first. nextCursor: pass it as "
            + "cursor to read the next page, null on the last one (hasMore false). total: counted for the first page "
            + "and carried by the cursor to the next ones.")
    public record DecisionPage(List<DecisionView> items, int size,
                               @Schema(nullable = true) String nextCursor, boolean hasMore, ListTotal total,
                               @Schema(deprecated = true, description = "The page number asked for; only when the request "
                                       + "used the deprecated page parameter")
                               @JsonInclude(JsonInclude.Include.NON_NULL) Integer page,
                               @Schema(deprecated = true, description = "total.value, for existing clients") long totalItems,
                               @Schema(deprecated = true, description = "From total.value and size, for existing clients")
                               long totalPages) {

        static DecisionPage of(DecisionLogService.PageOf result) {
            List<DecisionView> items = result.items().stream()
                    .map(d -> DecisionView.of(d, result.histories().getOrDefault(d.aircallCallId, List.of()))).toList();
            long total = result.total().value();
            return new DecisionPage(items, result.size(), result.nextCursor(), result.hasMore(),
                    new ListTotal(total, result.total().exact()), result.page(), total, (total + result.size() - 1) / result.size());
        }
    }

    @Schema(name = "ListTotal", description = "How many items the list has: exact when exact is true (up to 10,000); "
            + "otherwise value is a lower bound (\"more than 10,000\")")
    public record ListTotal(long value, boolean exact) {
    }
}
