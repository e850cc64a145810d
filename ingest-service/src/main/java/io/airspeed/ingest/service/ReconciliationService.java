package io.airspeed.ingest.service;

import io.airspeed.ingest.aircall.AircallClient;
import io.airspeed.ingest.aircall.AircallCredentials;
import io.airspeed.ingest.aircall.AircallRequestStats;
import io.airspeed.ingest.domain.Integration;
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.airspeed.ingest.repository.ConnectionWindowRepository;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.IntegrationRepository;
import io.airspeed.ingest.rules.ConnectionWindows;
import io.airspeed.ingest.rules.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Daily reconciliation: per UTC day, how many calls Aircall says started (its {@code meta.total}
 * for the day, one request per day, no re-read) against the decisions of that day, with the
 * difference explained where it can be (a disconnection gap, before the first connection, not
 * fetched yet) and otherwise left as a problem to alert on.
 */
@ApplicationScoped
public class ReconciliationService {

    public static final int MAX_DAYS = 92;

    private final IntegrationRepository integrations;
    private final ConnectionWindowRepository windows;
    private final IngestionRunRepository runs;
    private final CallDecisionRepository decisions;
    private final IntegrationService integrationService;
    private final AircallClient aircall;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<UUID, AtomicLong> unaccountedGauges = new ConcurrentHashMap<>();

    ReconciliationService(IntegrationRepository integrations, ConnectionWindowRepository windows, IngestionRunRepository runs,
                          CallDecisionRepository decisions, IntegrationService integrationService, AircallClient aircall,
                          MeterRegistry metrics, Clock clock) {
        this.integrations = integrations;
        this.windows = windows;
        this.runs = runs;
        this.decisions = decisions;
        this.integrationService = integrationService;
        this.aircall = aircall;
        this.metrics = metrics;
        this.clock = clock;
    }

    @RegisterForReflection
    @Schema(name = "ReconciliationDay")
    public record Day(LocalDate date, Long aircallTotal, Map<Outcome, Long> decided, Long unaccounted, String explanation) {
    }

    @RegisterForReflection
    @Schema(name = "Reconciliation")
    public record Report(List<Day> days) {
    }

    private record OrgState(Integration integration, ConnectionWindows covered, AircallCredentials credentials) {
    }

    /** Days {@code from} … {@code to}, both included; the resource checks the range. */
    public Uni<Report> reconcile(UUID orgId, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Panache.withSession(() -> integrations.findById(orgId)
                        .onItem().ifNull().failWith(() -> new NotFoundException("Your org has no Aircall integration; connect one first"))
                        .chain(integration -> windows.ofOrg(orgId).chain(connected -> runs.backfillsOf(orgId)
                                .chain(backfills -> decisions.countsPerDay(orgId, start, end)
                                        .map(rows -> {
                                            AircallCredentials credentials = integration.apiIdCipher == null ? null
                                                    : integrationService.credentialsOf(integration);
                                            return new Loaded(new OrgState(integration,
                                                    IngestionRunner.coveredRanges(connected, backfills), credentials), perDay(rows));
                                        })))))
                .chain(loaded -> {
                    AircallRequestStats stats = new AircallRequestStats();
                    List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
                    return Multi.createFrom().iterable(days)
                            .onItem().<Day>transformToUniAndConcatenate(day -> total(loaded.org(), day, stats)
                                    .map(total -> day(loaded, day, total)))
                            .collect().asList()
                            .map(Report::new);
                });
    }

    /** Yesterday's reconciliation of one org, exported as {@code ingest_reconciliation_unaccounted_calls{org}}. */
    public Uni<Long> exportUnaccounted(UUID orgId, LocalDate day) {
        return reconcile(orgId, day, day).map(report -> {
            Long unaccounted = report.days().get(0).unaccounted();
            long value = unaccounted == null ? 0 : Math.max(0, unaccounted);
            unaccountedGauges.computeIfAbsent(orgId, id -> metrics.gauge("ingest.reconciliation.unaccounted.calls",
                    Tags.of("org", id.toString()), new AtomicLong())).set(value);
            return value;
        });
    }

    public Uni<List<UUID>> connectedOrgs() {
        return Panache.withSession(integrations::connectedOrgIds);
    }

    public LocalDate yesterday() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    }

    private record Loaded(OrgState org, Map<String, Map<Outcome, Long>> decided) {
    }

    private Uni<Long> total(OrgState org, LocalDate day, AircallRequestStats stats) {
        if (org.credentials() == null) {
            return Uni.createFrom().nullItem();
        }
        long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() - 1;
        return aircall.countStarted(org.credentials(), from, to, stats);
    }

    private Day day(Loaded loaded, LocalDate day, Long aircallTotal) {
        Map<Outcome, Long> decided = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            decided.put(outcome, loaded.decided().getOrDefault(day.toString(), Map.of()).getOrDefault(outcome, 0L));
        }
        long decidedTotal = decided.values().stream().mapToLong(Long::longValue).sum();
        if (aircallTotal == null) {
            return new Day(day, null, decided, null, "Aircall cannot be asked: the integration is "
                    + loaded.org().integration().status + "; an admin must connect it again.");
        }
        long unaccounted = aircallTotal - decidedTotal;
        return new Day(day, aircallTotal, decided, unaccounted, explain(loaded.org(), day, unaccounted));
    }

    private String explain(OrgState org, LocalDate day, long unaccounted) {
        if (unaccounted == 0) {
            return null;
        }
        if (unaccounted < 0) {
            return "Airspeed has " + -unaccounted + " more decisions than Aircall counts for this day (calls deleted in Aircall since).";
        }
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> why = new ArrayList<>();
        for (String gap : uncovered(org.covered(), start, end)) {
            why.add(gap);
        }
        Instant scannedUntil = org.integration().scannedUntil;
        if (scannedUntil == null || scannedUntil.isBefore(end)) {
            why.add("not fetched yet: scheduled ingestion has read Aircall up to " + (scannedUntil == null ? "nothing yet" : scannedUntil));
        }
        if (why.isEmpty()) {
            return unaccounted + " call(s) Aircall counts have no decision although the integration was connected all day: "
                    + "unaccounted, a problem to report (metric ingest_reconciliation_unaccounted_calls).";
        }
        return unaccounted + " call(s) without a decision, possibly because: " + String.join("; ", why) + ".";
    }

    /** The parts of [start, end) no connection window or backfilled range covers, as sentences with an exact backfill. */
    private static List<String> uncovered(ConnectionWindows covered, Instant start, Instant end) {
        List<String> gaps = new ArrayList<>();
        Instant cursor = start;
        while (cursor.isBefore(end)) {
            var placement = covered.placement(cursor);
            if (placement.passes()) {
                Instant next = nextUncovered(covered, cursor, end);
                cursor = next;
                continue;
            }
            Instant gapEnd = placement.gapTo() == null || placement.gapTo().isAfter(end) ? end : placement.gapTo();
            String kind = placement.kind() == io.airspeed.ingest.rules.WindowPlacement.Kind.IN_GAP
                    ? "the integration was disconnected" : "before the integration was first connected";
            gaps.add(kind + " from " + cursor + " to " + gapEnd + " (backfill it: POST /api/backfills {\"from\":\""
                    + (placement.gapFrom() != null && placement.gapFrom().isAfter(start) ? placement.gapFrom() : cursor)
                    + "\",\"to\":\"" + (placement.gapTo() == null ? gapEnd : placement.gapTo()) + "\"})");
            cursor = gapEnd;
        }
        return gaps;
    }

    private static Instant nextUncovered(ConnectionWindows covered, Instant from, Instant end) {
        Instant furthest = from;
        boolean moved = true;
        while (moved && furthest.isBefore(end)) {
            moved = false;
            for (ConnectionWindows.Window window : covered.windows()) {
                if (window.contains(furthest)) {
                    Instant to = window.to() == null ? end : window.to();
                    if (to.isAfter(furthest)) {
                        furthest = to;
                        moved = true;
                    }
                }
            }
        }
        return furthest.isAfter(end) ? end : furthest;
    }

    private static Map<String, Map<Outcome, Long>> perDay(List<Object[]> rows) {
        Map<String, Map<Outcome, Long>> byDay = new HashMap<>();
        for (Object[] row : rows) {
            byDay.computeIfAbsent((String) row[0], d -> new EnumMap<>(Outcome.class))
                    .put(Outcome.valueOf((String) row[1]), ((Number) row[2]).longValue());
        }
        return byDay;
    }
}
