package io.airspeed.ingest.service;

import io.airspeed.ingest.aircall.AircallCall;
import io.airspeed.ingest.aircall.AircallCallsPage;
import io.airspeed.ingest.aircall.AircallClient;
import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.CallDecision;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.RosterChange;
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.RosterChangeRepository;
import io.airspeed.ingest.rules.Decision;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.rules.RuleSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The work of a REPLAY run: the skipped decisions its roster changes can alter are re-read from
 * Aircall and re-decided through {@link io.airspeed.ingest.rules.CallRules} with the current roster
 * and windows, written by the {@link DecisionRecorder} (so delivery, outbox and versions work as
 * for any run) in fenced commits of at most 50 calls, and what now passes is delivered.
 *
 * <p>Re-reading costs Aircall requests from the org's rate budget, so it goes 50 calls at a time:
 * the calls of one Aircall user are read with {@code GET /v1/calls/search?user_id=} over the span
 * of the next 50 of them, and only what that search cannot find cheaper (a call of no Aircall user,
 * one not listed, a span holding far more calls than the ones wanted) is read by id. Imported
 * decisions are never re-read: losing a seat affects future calls only.
 */
@ApplicationScoped
public class RosterReplay {

    private static final Logger LOG = Logger.getLogger(RosterReplay.class);
    static final int BATCH = 50;
    /** Calls per page of Aircall's search, as the client asks for them. */
    private static final int AIRCALL_PAGE = 50;
    private static final Decision DELETED_IN_AIRCALL = new Decision(Outcome.SKIPPED, Reason.SKIPPED_DELETED_IN_AIRCALL,
            List.of(Reason.SKIPPED_DELETED_IN_AIRCALL), null, List.of());

    private final CallDecisionRepository decisions;
    private final RosterChangeRepository changes;
    private final IngestionRunRepository runs;
    private final AircallClient aircall;
    private final DecisionRecorder recorder;
    private final RunLedger ledger;
    private final RunDelivery delivery;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final Clock clock;

    RosterReplay(CallDecisionRepository decisions, RosterChangeRepository changes, IngestionRunRepository runs,
                 AircallClient aircall, DecisionRecorder recorder, RunLedger ledger, RunDelivery delivery, IngestConfig config,
                 MeterRegistry metrics, Clock clock) {
        this.decisions = decisions;
        this.changes = changes;
        this.runs = runs;
        this.aircall = aircall;
        this.recorder = recorder;
        this.ledger = ledger;
        this.delivery = delivery;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** One decision to re-read: the call, its Aircall user (null when none) and its start. */
    record Item(long callId, Long aircallUserId, Instant startedAt) {
    }

    /** The replay's work, and the ranges admin backfills read (their calls keep the backfill's settings). */
    private record Plan(List<Item> items, List<Range> backfilled) {
    }

    private record Range(Instant from, Instant to) {
        boolean contains(Instant instant) {
            return !instant.isBefore(from) && instant.isBefore(to);
        }
    }

    /** What Aircall answered for a batch: the calls it still has, and the ids it no longer knows (404). */
    private record Reread(List<AircallCall> found, List<Long> gone) {
    }

    Uni<Void> replay(RunContext run, Executor context) {
        return Panache.withSession(() -> changes.ofReplay(run.runId())
                        .chain(attached -> work(run, attached))
                        .chain(items -> runs.allBackfillsOf(run.orgId()).map(backfills -> new Plan(items, ranges(backfills)))))
                .emitOn(context)
                .chain(plan -> {
                    run.aircallTotal().set(plan.items().size());
                    LOG.infof("Replay %s of org %s: %d skipped decisions to re-read", run.runId(), run.orgId(), plan.items().size());
                    return Multi.createFrom().iterable(batches(plan.items()))
                            .onItem().transformToUniAndConcatenate(batch -> batch(run, plan, batch, context))
                            .collect().last();
                })
                // Every decision the changes affect is re-decided: they wait for no further replay.
                .chain(() -> ledger.commitPage(run, null, () -> changes.markReplayed(run.runId(), clock.instant())))
                .replaceWithVoid();
    }

    private Uni<List<Item>> work(RunContext run, List<RosterChange> attached) {
        if (attached.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] emails = attached.stream().flatMap(change -> Arrays.stream(change.emails)).distinct().toArray(String[]::new);
        Long[] aircallIds = attached.stream().flatMap(change -> Arrays.stream(change.aircallUserIds)).distinct().toArray(Long[]::new);
        UUID[] users = attached.stream().map(change -> change.userId).distinct().toArray(UUID[]::new);
        return decisions.replayable(run.orgId(), run.runId(), emails, aircallIds, users)
                .map(rows -> rows.stream().map(d -> new Item(d.aircallCallId, d.aircallUserId, d.startedAt)).toList());
    }

    private static List<Range> ranges(List<IngestionRun> backfills) {
        return backfills.stream()
                .map(b -> new Range(b.windowFrom, b.cursorAt.isBefore(b.windowTo) ? b.cursorAt : b.windowTo))
                .filter(range -> range.from().isBefore(range.to()))
                .toList();
    }

    /** At most 50 calls each: per Aircall user, in the order they started; calls of no Aircall user last. */
    static List<List<Item>> batches(List<Item> items) {
        Map<Long, List<Item>> byUser = new LinkedHashMap<>();
        List<Item> noUser = new ArrayList<>();
        for (Item item : items) {
            if (item.aircallUserId() == null) {
                noUser.add(item);
            } else {
                byUser.computeIfAbsent(item.aircallUserId(), id -> new ArrayList<>()).add(item);
            }
        }
        List<List<Item>> batches = new ArrayList<>();
        byUser.values().forEach(calls -> chunk(calls, batches));
        chunk(noUser, batches);
        return batches;
    }

    private static void chunk(List<Item> items, List<List<Item>> into) {
        for (int from = 0; from < items.size(); from += BATCH) {
            into.add(List.copyOf(items.subList(from, Math.min(items.size(), from + BATCH))));
        }
    }

    private Uni<Void> batch(RunContext run, Plan plan, List<Item> batch, Executor context) {
        run.lease().requireHeld();
        Set<Long> wanted = batch.stream().map(Item::callId).collect(Collectors.toCollection(LinkedHashSet::new));
        Long userId = batch.get(0).aircallUserId();
        Uni<Map<Long, AircallCall>> searched = userId == null ? Uni.createFrom().item(new HashMap<>())
                : search(run, userId, batch, wanted, 1, new HashMap<>());
        return searched
                .chain(found -> byId(run, wanted.stream().filter(id -> !found.containsKey(id)).toList(), found))
                .emitOn(context)
                .chain(reread -> {
                    Map<String, Long> before = Map.copyOf(run.counters().outcomes());
                    // One fenced commit: a replay that lost its lease decides nothing more, and delivers nothing.
                    return ledger.commitPage(run, null, () -> recorder.record(run, reread.found(), call -> settingsOf(run, plan, call))
                                    .call(() -> deletedInAircall(run, reread.gone())))
                            .chain(pending -> delivery.deliver(run, pending, context))
                            .invoke(() -> count(before, run.counters().outcomes(), reread.gone().size()));
                });
    }

    /**
     * Pages through the search over the batch's span, keeping the batch's calls, until all are
     * found or the list ends; it stops early when the pages left would cost more than reading the
     * calls still missing one by one.
     */
    private Uni<Map<Long, AircallCall>> search(RunContext run, long userId, List<Item> batch, Set<Long> wanted, int page,
                                               Map<Long, AircallCall> found) {
        // Aircall's from/to may be inclusive or not: a second wider on each side, the answer filtered by id.
        long from = batch.get(0).startedAt().getEpochSecond() - 1;
        long to = batch.get(batch.size() - 1).startedAt().getEpochSecond() + 1;
        return aircall.searchCallsOfUser(run.credentials(), userId, from, to, page, run.stats()).chain(answer -> {
            answer.callsOrEmpty().stream().filter(call -> wanted.contains(call.id())).forEach(call -> found.put(call.id(), call));
            long missing = wanted.size() - found.size();
            long pagesLeft = (answer.total() + AIRCALL_PAGE - 1) / AIRCALL_PAGE - page;
            if (answer.isLast() || missing == 0 || pagesLeft > missing) {
                return Uni.createFrom().item(found);
            }
            return search(run, userId, batch, wanted, page + 1, found);
        });
    }

    /** The calls the search did not list, one by one; a 404 means Aircall no longer has the call. */
    private Uni<Reread> byId(RunContext run, List<Long> ids, Map<Long, AircallCall> found) {
        List<Long> gone = new ArrayList<>();
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> aircall.call(run.credentials(), id, run.stats())
                        .invoke(call -> call.ifPresentOrElse(c -> found.put(id, c), () -> gone.add(id))))
                .collect().last()
                .map(ignored -> new Reread(new ArrayList<>(found.values()), gone));
    }

    /**
     * The current roster and windows, with the settings the call was last decided under: rule 6
     * does not apply to a call an admin's backfill read (up to where that backfill got).
     */
    private RuleSettings settingsOf(RunContext run, Plan plan, AircallCall call) {
        boolean backfilled = call.started() != null && plan.backfilled().stream().anyMatch(range -> range.contains(call.started()));
        return backfilled ? RuleSettings.backfill(config.recordingGrace(), config.inProgressLimit()) : run.settings();
    }

    /** Aircall answers 404: gone for good there. Runs inside the batch's fenced commit; an imported call is left alone. */
    private Uni<Void> deletedInAircall(RunContext run, List<Long> callIds) {
        if (callIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return decisions.findByCallIds(run.orgId(), callIds).invoke(rows -> {
            Instant now = clock.instant();
            for (CallDecision row : rows) {
                if (row.outcome == Outcome.IMPORTED) {
                    continue;
                }
                row.outcome = DELETED_IN_AIRCALL.outcome();
                row.primaryReason = DELETED_IN_AIRCALL.primaryReason();
                row.reasons(DELETED_IN_AIRCALL.reasons());
                row.decidedAt = now;
                row.runId = run.runId();
                run.counters().add(DELETED_IN_AIRCALL);
                run.fetched().incrementAndGet();
            }
        }).replaceWithVoid();
    }

    private void count(Map<String, Long> before, Map<String, Long> after, int gone) {
        long imported = delta(before, after, Outcome.IMPORTED);
        long skipped = delta(before, after, Outcome.SKIPPED) - gone;
        long pending = delta(before, after, Outcome.PENDING);
        increment("imported", imported);
        increment("still_skipped", skipped);
        increment("pending", pending);
        increment("gone", gone);
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, Outcome outcome) {
        return after.getOrDefault(outcome.name(), 0L) - before.getOrDefault(outcome.name(), 0L);
    }

    private void increment(String result, long count) {
        if (count > 0) {
            metrics.counter("ingest.replayed.calls", "result", result).increment(count);
        }
    }
}
