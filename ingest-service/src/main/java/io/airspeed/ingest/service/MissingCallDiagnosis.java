package io.airspeed.ingest.service;

import io.airspeed.ingest.aircall.AircallCall;
import io.airspeed.ingest.aircall.AircallClient;
import io.airspeed.ingest.aircall.AircallCredentials;
import io.airspeed.ingest.aircall.AircallCredentialsRejectedException;
import io.airspeed.ingest.aircall.AircallRequestStats;
import io.airspeed.ingest.aircall.AircallUnavailableException;
import io.airspeed.ingest.client.DependencyUnavailableException;
import io.airspeed.ingest.client.UsersClient;
import io.airspeed.ingest.client.VisibilityClient;
import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.domain.CallDecision;
import io.airspeed.ingest.domain.CallDecisionId;
import io.airspeed.ingest.domain.DecisionHistoryEntry;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.Integration;
import io.airspeed.ingest.repository.CallDecisionRepository;
import io.airspeed.ingest.repository.DecisionHistoryRepository;
import io.airspeed.ingest.repository.ConnectionWindowRepository;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.IntegrationRepository;
import io.airspeed.ingest.rules.AircallParty;
import io.airspeed.ingest.rules.CallFacts;
import io.airspeed.ingest.rules.CallRules;
import io.airspeed.ingest.rules.CheckResult;
import io.airspeed.ingest.rules.CheckStatus;
import io.airspeed.ingest.rules.ConnectionWindows;
import io.airspeed.ingest.rules.Decision;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.rules.RecordedChecks;
import io.airspeed.ingest.rules.Roster;
import io.airspeed.ingest.rules.RuleCheck;
import io.airspeed.ingest.rules.RuleEvaluation;
import io.airspeed.ingest.rules.RuleSettings;
import io.airspeed.ingest.rules.VisibilityCheck;
import io.airspeed.ingest.rules.WindowPlacement;
import io.airspeed.ingest.service.MissingCallAnswer.Candidate;
import io.airspeed.ingest.service.MissingCallAnswer.CallView;
import io.airspeed.ingest.service.MissingCallAnswer.CheckView;
import io.airspeed.ingest.service.MissingCallAnswer.DecisionView;
import io.airspeed.ingest.service.MissingCallAnswer.HistoryEntry;
import io.airspeed.ingest.service.MissingCallAnswer.Support;
import io.airspeed.ingest.service.MissingCallAnswer.Verdict;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * "Why is my call missing?": finds the call (decision log first, then Aircall itself with the
 * org's credentials and rate budget), decides what the asker may learn about it, and answers with
 * the six checks made by the rule code — as decided when the call was fetched, and as the rules
 * stand today. A call the asker may not know about is answered exactly like one that does not exist.
 */
@ApplicationScoped
public class MissingCallDiagnosis {

    static final int MAX_CANDIDATES = 20;
    /** {@code GET /v1/users} pages read to find an email: 1,000 Aircall users at most per question. */
    static final int MAX_USER_PAGES = 20;
    static final int MAX_SEARCH_PAGES = 4;

    static final String NOT_FOUND_SUMMARY = "No call matches: neither Aircall nor Airspeed knows such a call, or it is "
            + "not one you may see. Check the id, link or time and email, or ask an admin of your org.";
    static final String RESTRICTED_DETAIL = "Shown to admins only: this call is not linked to you.";

    private final IntegrationRepository integrations;
    private final ConnectionWindowRepository windows;
    private final IngestionRunRepository runs;
    private final CallDecisionRepository decisions;
    private final DecisionHistoryRepository history;
    private final IntegrationService integrationService;
    private final UsersClient users;
    private final VisibilityClient visibility;
    private final AircallClient aircall;
    private final IngestConfig config;
    private final java.time.Clock clock;

    MissingCallDiagnosis(IntegrationRepository integrations, ConnectionWindowRepository windows, IngestionRunRepository runs,
                         CallDecisionRepository decisions, DecisionHistoryRepository history,
                         IntegrationService integrationService, UsersClient users,
                         VisibilityClient visibility, AircallClient aircall, IngestConfig config, java.time.Clock clock) {
        this.integrations = integrations;
        this.windows = windows;
        this.runs = runs;
        this.decisions = decisions;
        this.history = history;
        this.integrationService = integrationService;
        this.users = users;
        this.visibility = visibility;
        this.aircall = aircall;
        this.config = config;
        this.clock = clock;
    }

    /** Who asks: from the verified token only. {@code userToken} goes to visibility-service, which verifies it itself. */
    public record Asker(UUID orgId, UUID userId, boolean admin, String userToken) {
    }

    /** What the asker may learn about a call. */
    enum Access {
        /** Every check in full: an admin, or the member's own, shared or visible call. */
        FULL,
        /** Not imported and no Airspeed user behind it: only what helps the member get it linked. */
        RESTRICTED,
        /** Someone else's call, or a private call the member is not on: answered as NOT_FOUND. */
        NONE
    }

    private record OrgState(Integration integration, ConnectionWindows covered, ConnectionWindows connectionOnly,
                            AircallCredentials credentials) {
    }

    /** A call the question may be about: its decision, or what Aircall said of it when ingestion never saw it. */
    private record Found(long id, CallDecision decision, AircallCall live) {
        Instant startedAt() {
            return decision != null ? decision.startedAt : live.started();
        }

        String aircallUserEmail() {
            return decision != null ? decision.aircallUserEmail : live.user() == null ? null : live.user().email();
        }
    }

    private record Judged(Found found, Access access, VisibilityCheck.Access visibility) {
    }

    private record Context(Asker asker, CallQuery query, OrgState org, Roster roster, Instant now) {
    }

    public Uni<MissingCallAnswer> diagnose(Asker asker, CallQuery query) {
        Instant now = clock.instant();
        return Panache.withSession(() -> loadOrg(asker.orgId()))
                .chain(org -> users.roster(asker.orgId()).map(roster -> new Context(asker, query, org, roster, now)))
                .chain(context -> find(context)
                        .chain(found -> judge(context, found))
                        .chain(judged -> answer(context, judged)));
    }

    private Uni<OrgState> loadOrg(UUID orgId) {
        return integrations.findById(orgId).chain(integration -> windows.ofOrg(orgId)
                .chain(connected -> runs.backfillsOf(orgId).map(backfills -> {
                    List<ConnectionWindows.Window> only = connected.stream()
                            .map(w -> new ConnectionWindows.Window(w.openedAt, w.closedAt)).toList();
                    AircallCredentials credentials = integration == null || integration.apiIdCipher == null
                            || integration.apiTokenCipher == null ? null : integrationService.credentialsOf(integration);
                    return new OrgState(integration, IngestionRunner.coveredRanges(connected, backfills),
                            new ConnectionWindows(only), credentials);
                })));
    }

    // --- finding the call ---------------------------------------------------------------------

    private Uni<List<Found>> find(Context context) {
        UUID orgId = context.asker().orgId();
        AircallCredentials credentials = context.org().credentials();
        AircallRequestStats stats = new AircallRequestStats();
        if (context.query() instanceof CallQuery.ById byId) {
            return Panache.withSession(() -> decisions.findById(new CallDecisionId(orgId, byId.aircallCallId())))
                    .chain(decision -> {
                        if (decision != null) {
                            return Uni.createFrom().item(List.of(new Found(decision.aircallCallId, decision, null)));
                        }
                        if (credentials == null) {
                            return Uni.createFrom().item(List.<Found>of());
                        }
                        return live(aircall.call(credentials, byId.aircallCallId(), stats))
                                .map(call -> call.map(c -> List.of(new Found(c.id(), null, c))).orElse(List.of()));
                    });
        }
        CallQuery.ByTimeAndEmail byTime = (CallQuery.ByTimeAndEmail) context.query();
        Duration tolerance = Duration.ofMinutes(byTime.toleranceMinutes());
        Instant from = byTime.startedAround().minus(tolerance);
        Instant to = byTime.startedAround().plus(tolerance);
        String email = Roster.normalize(byTime.aircallUserEmail());
        Uni<List<CallDecision>> logged = Panache.withSession(() -> decisions.byEmailAround(orgId, email, from, to, MAX_CANDIDATES));
        Uni<List<AircallCall>> fromAircall = credentials == null ? Uni.createFrom().item(List.of())
                : live(aircall.userByEmail(credentials, email, MAX_USER_PAGES, stats))
                .chain(user -> user.isEmpty() ? Uni.createFrom().item(List.<AircallCall>of())
                        : live(aircall.callsOfUser(credentials, user.get().id(), from, to.plusSeconds(1), MAX_SEARCH_PAGES, stats)));
        return logged.chain(known -> fromAircall.map(calls -> {
            Map<Long, Found> byId = new LinkedHashMap<>();
            known.forEach(d -> byId.put(d.aircallCallId, new Found(d.aircallCallId, d, null)));
            calls.forEach(c -> byId.putIfAbsent(c.id(), new Found(c.id(), null, c)));
            return byId.values().stream()
                    .sorted(Comparator.comparingLong((Found f) -> Math.abs(Duration.between(byTime.startedAround(), f.startedAt()).getSeconds()))
                            .thenComparingLong(Found::id))
                    .limit(MAX_CANDIDATES)
                    .toList();
        }));
    }

    /** A key Aircall no longer accepts is Aircall being unusable for this question, not "no such call". */
    private static <T> Uni<T> live(Uni<T> request) {
        return request.onFailure(AircallCredentialsRejectedException.class).transform(e -> new AircallUnavailableException(
                "Aircall rejected the org's stored key; an admin must reconnect the integration", e));
    }

    // --- what the asker may learn ---------------------------------------------------------------

    private Uni<List<Judged>> judge(Context context, List<Found> found) {
        return Multi.createFrom().iterable(found)
                .onItem().transformToUniAndConcatenate(f -> visibilityOf(context, f)
                        .map(access -> new Judged(f, accessOf(context, f, access), access)))
                .collect().asList();
    }

    private Uni<VisibilityCheck.Access> visibilityOf(Context context, Found found) {
        if (found.decision() == null || found.decision().outcome != Outcome.IMPORTED) {
            return Uni.createFrom().nullItem();
        }
        Asker asker = context.asker();
        return visibility.access(asker.orgId(), found.id(), asker.userId(), asker.userToken())
                .map(r -> new VisibilityCheck.Access(r.exists(), r.visibility(), r.userIsParticipant(), r.visibleToUser()))
                .onFailure(DependencyUnavailableException.class).recoverWithNull();
    }

    private static Access accessOf(Context context, Found found, VisibilityCheck.Access visible) {
        Asker asker = context.asker();
        if (asker.admin()) {
            return Access.FULL;
        }
        boolean theirs = isTheirs(context, found);
        if (found.decision() != null && found.decision().outcome == Outcome.IMPORTED) {
            if (visible == null) {
                if (theirs) {
                    return Access.FULL;
                }
                // Without visibility-service nobody can tell whether the call is private: say nothing rather than guess.
                throw new DependencyUnavailableException("visibility-service could not be asked; try again in a minute", null);
            }
            if (visible.exists()) {
                return visible.visibleToUser() ? Access.FULL : Access.NONE;
            }
            return theirs ? Access.FULL : Access.NONE;
        }
        if (theirs) {
            return Access.FULL;
        }
        return someoneIsBehind(context, found) ? Access.NONE : Access.RESTRICTED;
    }

    /** Handled by the member (their Aircall user or a linked identity, then or now) or taken part in. */
    private static boolean isTheirs(Context context, Found found) {
        UUID me = context.asker().userId();
        CallDecision d = found.decision();
        if (d != null && (me.equals(d.ownerUserId) || d.participantList().contains(me))) {
            return true;
        }
        CallFacts facts = factsOf(found);
        if (context.roster().match(facts.handler()).map(u -> u.userId().equals(me)).orElse(false)) {
            return true;
        }
        return facts.transferParties().stream().anyMatch(p -> context.roster().match(p).map(u -> u.userId().equals(me)).orElse(false));
    }

    private static boolean someoneIsBehind(Context context, Found found) {
        CallDecision d = found.decision();
        if (d != null && (d.ownerUserId != null || !d.participantList().isEmpty())) {
            return true;
        }
        CallFacts facts = factsOf(found);
        return context.roster().match(facts.handler()).isPresent()
                || facts.transferParties().stream().anyMatch(p -> context.roster().match(p).isPresent());
    }

    // --- the answer -------------------------------------------------------------------------------

    private Uni<MissingCallAnswer> answer(Context context, List<Judged> judged) {
        List<Judged> knowable = judged.stream().filter(j -> j.access() != Access.NONE).toList();
        List<Candidate> candidates = context.query() instanceof CallQuery.ByTimeAndEmail byTime
                ? knowable.stream().map(j -> new Candidate(j.found().id(), j.found().startedAt(),
                        j.access() == Access.FULL ? j.found().aircallUserEmail() : byTime.aircallUserEmail().trim())).toList()
                : List.of();
        if (knowable.isEmpty()) {
            return Uni.createFrom().item(notFound(context.query()));
        }
        Judged chosen = knowable.get(0);
        if (chosen.access() == Access.RESTRICTED) {
            return Uni.createFrom().item(restricted(context, chosen, candidates));
        }
        CallDecision decision = chosen.found().decision();
        if (decision == null) {
            return Uni.createFrom().item(full(context, chosen, null, List.of(), candidates));
        }
        return Panache.withSession(() -> runs.findById(decision.runId)
                .chain(row -> history.ofCalls(decision.orgId, List.of(decision.aircallCallId))
                        .map(histories -> full(context, chosen, row,
                                histories.getOrDefault(decision.aircallCallId, List.of()), candidates))));
    }

    private MissingCallAnswer full(Context context, Judged judged, IngestionRun run, List<DecisionHistoryEntry> past,
                                   List<Candidate> candidates) {
        Found found = judged.found();
        CallDecision decision = found.decision();
        CallFacts facts = factsOf(found);
        RuleSettings scheduled = RuleSettings.scheduled(config.recordingGrace());
        RuleEvaluation today = CallRules.evaluate(facts, context.roster(), context.org().covered(), context.now(), scheduled);
        WindowPlacement connectionOnly = context.org().connectionOnly().placement(facts.startedAt());

        List<CheckResult> then;
        if (decision != null) {
            RuleSettings thenSettings = run != null && run.kind.isBackfill()
                    ? RuleSettings.backfill(config.recordingGrace()) : scheduled;
            then = RecordedChecks.of(facts, decision.reasonList(), decision.ownerUserId,
                    decision.ownerUserId == null ? null : context.roster().user(decision.ownerUserId).orElse(null),
                    connectionOnly, decision.decidedAt, thenSettings);
        } else {
            then = today.checks();
        }
        boolean imported = decision != null && decision.outcome == Outcome.IMPORTED;
        CheckResult rule5 = VisibilityCheck.of(imported, judged.visibility(), context.asker().admin());
        List<CheckView> checks = new ArrayList<>();
        List<DecisionHistoryEntry> changes = past.size() > 1 ? past : List.of();
        for (CheckResult check : withVisibility(then, rule5)) {
            CheckStatus now = check.check() == RuleCheck.VISIBILITY ? rule5.status() : today.check(check.check()).status();
            checks.add(new CheckView(check.check(), check.rule(), check.status(), check.reason(),
                    check.detail() + earlierFailures(check, changes), check.remedy(), now));
        }

        Verdict verdict;
        Reason primary;
        String summary;
        if (decision != null) {
            verdict = Verdict.valueOf(decision.outcome.name());
            primary = decision.primaryReason;
            summary = decidedSummary(decision, today, judged.visibility()) + story(changes);
        } else {
            verdict = Verdict.NOT_FETCHED;
            primary = today.decision().primaryReason();
            summary = notFetchedSummary(context, found, facts, today);
        }
        RuleCheck primaryCheck = primary == null ? null : RuleCheck.of(primary);
        String link = linkOf(found);
        CallView call = new CallView(found.id(), facts.startedAt(), facts.finished() ? facts.durationSeconds() : null,
                decision != null ? decision.direction : found.live().direction(), found.aircallUserEmail(), link,
                facts.recordingPresent());
        DecisionView decisionView = decision == null ? null : new DecisionView(decision.outcome, decision.primaryReason,
                decision.reasonList(), decision.decidedAt, decision.runId, historyOf(decision, run, past));
        Support support = support(verdict, primaryCheck, summary, found.id(), facts.startedAt(), found.aircallUserEmail(), link,
                checks, decisionView);
        return new MissingCallAnswer(verdict, primaryCheck, summary, call, checks, decisionView, candidates, support);
    }

    /** A member asking about a call no Airspeed user is behind: rule 1, told without anyone else's facts. */
    private MissingCallAnswer restricted(Context context, Judged judged, List<Candidate> candidates) {
        Found found = judged.found();
        CallFacts facts = factsOf(found);
        RuleEvaluation today = CallRules.evaluate(facts, context.roster(), context.org().covered(), context.now(),
                RuleSettings.scheduled(config.recordingGrace()));
        CheckResult rule1 = today.check(RuleCheck.EMAIL_MATCH);
        String givenEmail = context.query() instanceof CallQuery.ByTimeAndEmail byTime ? byTime.aircallUserEmail().trim() : null;
        String summary;
        String detail;
        String remedy;
        if (rule1.reason() == Reason.SKIPPED_NO_AIRCALL_USER) {
            summary = "Nobody answered or made this call in Aircall (a missed call, an IVR or an unpicked team line), so it cannot be imported.";
            detail = rule1.detail();
            remedy = rule1.remedy();
        } else {
            summary = givenEmail != null
                    ? "A call at that time by an Aircall user with that email exists, and that email matches no Airspeed user — ask an admin to link it to you."
                    : "The Aircall user on this call matches no Airspeed user — if it was you, ask an admin to link your Aircall email or user to you.";
            detail = givenEmail != null
                    ? "An Aircall user with the email you gave (" + givenEmail + ") handled a call at that time, and that email matches no Airspeed user."
                    : "The Aircall user who handled this call matches no Airspeed user.";
            remedy = "Ask an admin to link that Aircall email or Aircall user to you (Users → Aircall identities); "
                    + "an admin backfill of the call's time then imports it, unless another rule keeps it out.";
        }
        List<CheckView> checks = new ArrayList<>();
        for (RuleCheck check : RuleCheck.values()) {
            checks.add(check == RuleCheck.EMAIL_MATCH
                    ? new CheckView(check, check.rule(), rule1.status(), rule1.reason(), detail, remedy, rule1.status())
                    : new CheckView(check, check.rule(), CheckStatus.UNKNOWN, null, RESTRICTED_DETAIL, null, null));
        }
        Verdict verdict = found.decision() != null ? Verdict.valueOf(found.decision().outcome.name()) : Verdict.NOT_FETCHED;
        String link = AircallLinks.directLink(found.id());
        CallView call = new CallView(found.id(), facts.startedAt(), null, null, givenEmail, link, null);
        Support support = support(verdict, RuleCheck.EMAIL_MATCH, summary, found.id(), facts.startedAt(), givenEmail, link, checks, null);
        return new MissingCallAnswer(verdict, RuleCheck.EMAIL_MATCH, summary, call, checks, null, candidates, support);
    }

    /** The same body whether the call does not exist or the asker may not know about it. */
    static MissingCallAnswer notFound(CallQuery query) {
        List<CheckView> checks = new ArrayList<>();
        for (RuleCheck check : RuleCheck.values()) {
            checks.add(new CheckView(check, check.rule(), CheckStatus.UNKNOWN, null, "No call to check.", null, null));
        }
        Instant startedAt = null;
        String email = null;
        String link = null;
        Long id = null;
        if (query instanceof CallQuery.ById byId) {
            id = byId.aircallCallId();
            link = byId.link() != null ? byId.link() : AircallLinks.directLink(byId.aircallCallId());
        } else if (query instanceof CallQuery.ByTimeAndEmail byTime) {
            startedAt = byTime.startedAround();
            email = byTime.aircallUserEmail().trim();
        }
        Support support = support(Verdict.NOT_FOUND, null, NOT_FOUND_SUMMARY, id, startedAt, email, link, checks, null);
        return new MissingCallAnswer(Verdict.NOT_FOUND, null, NOT_FOUND_SUMMARY, null, checks, null, List.of(), support);
    }

    private static List<CheckResult> withVisibility(List<CheckResult> importChecks, CheckResult visibility) {
        List<CheckResult> all = new ArrayList<>(importChecks);
        all.add(visibility);
        all.sort(Comparator.comparingInt(CheckResult::rule));
        return all;
    }

    // --- history ----------------------------------------------------------------------------------

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** The recorded history; a decision without one (none is expected since V9) shows its current state. */
    private static List<HistoryEntry> historyOf(CallDecision decision, IngestionRun run, List<DecisionHistoryEntry> past) {
        if (past.isEmpty()) {
            return List.of(new HistoryEntry(decision.outcome, decision.primaryReason, decision.decidedAt,
                    run == null ? null : run.kind.cause()));
        }
        return past.stream().map(h -> new HistoryEntry(h.outcome, h.reason, h.decidedAt, h.cause)).toList();
    }

    /**
     * " Before: skipped on 3 Nov 2026 10:00 UTC (run) because …; imported on 5 Nov 2026 09:12 UTC
     * (backfill)." when the decision changed since it was first made, else nothing.
     */
    private static String story(List<DecisionHistoryEntry> changes) {
        if (changes.isEmpty()) {
            return "";
        }
        List<String> steps = new ArrayList<>();
        for (DecisionHistoryEntry h : changes) {
            String when = " on " + DAY.format(h.decidedAt) + " (" + h.cause.name().toLowerCase(Locale.ROOT) + ")";
            steps.add(switch (h.outcome) {
                case IMPORTED -> "imported" + when;
                case SKIPPED -> "skipped" + when + " because " + phrase(h.reason);
                case PENDING -> "pending" + when + " because " + phrase(h.reason);
            });
        }
        return " History: " + String.join("; ", steps) + ".";
    }

    /** A check that failed in an earlier decision says when, so a call imported later explains its first skip. */
    private static String earlierFailures(CheckResult check, List<DecisionHistoryEntry> changes) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < changes.size() - 1; i++) {
            DecisionHistoryEntry h = changes.get(i);
            if (h.reason != null && RuleCheck.of(h.reason) == check.check()) {
                failures.add(h.reason + " on " + DAY.format(h.decidedAt));
            }
        }
        return failures.isEmpty() ? "" : " Earlier it failed: " + String.join(", ", failures) + ".";
    }

    // --- sentences --------------------------------------------------------------------------------

    private String decidedSummary(CallDecision decision, RuleEvaluation today, VisibilityCheck.Access visible) {
        String call = "Call " + decision.aircallCallId;
        if (decision.outcome == Outcome.IMPORTED) {
            if (visible != null && !visible.exists()) {
                return call + " was imported at " + decision.decidedAt + " and is being handed to the call list; it appears within minutes.";
            }
            return call + " was imported at " + decision.decidedAt + "; it is in Airspeed.";
        }
        String because = phrase(decision.primaryReason);
        if (decision.outcome == Outcome.PENDING) {
            return call + " is not decided yet: " + because + "; a later run decides it.";
        }
        Decision now = today.decision();
        String then = call + " was skipped because " + because + ".";
        if (now.outcome() == Outcome.IMPORTED) {
            Instant from = decision.startedAt.truncatedTo(ChronoUnit.MINUTES);
            return then + " With today's roster and windows every rule passes, so an admin backfill of "
                    + CallRules.backfill(from, from.plus(Duration.ofMinutes(1))) + " imports it.";
        }
        if (now.outcome() == Outcome.PENDING) {
            return then + " With today's roster and windows it would wait: " + phrase(now.primaryReason()) + ".";
        }
        if (now.primaryReason() != decision.primaryReason) {
            return then + " With today's roster and windows it would still be skipped, because " + phrase(now.primaryReason()) + ".";
        }
        return then;
    }

    private String notFetchedSummary(Context context, Found found, CallFacts facts, RuleEvaluation today) {
        String call = "Aircall has call " + found.id() + ", but ingestion has not decided it: ";
        Integration integration = context.org().integration();
        Instant scannedUntil = integration == null ? null : integration.scannedUntil;
        WindowPlacement placement = context.org().covered().placement(facts.startedAt());
        if (!facts.finished()) {
            return call + "it is still in progress; the first run after it ends decides it.";
        }
        if (!placement.passes()) {
            return call + (placement.kind() == WindowPlacement.Kind.IN_GAP
                    ? "it started during a disconnection gap (" + placement.gapFrom() + " – "
                    + (placement.gapTo() == null ? "still disconnected" : placement.gapTo()) + ")."
                    : "it started before the integration was first connected.")
                    + " " + today.check(RuleCheck.INTEGRATION_CONNECTED).remedy();
        }
        if (scannedUntil == null || !facts.startedAt().isBefore(scannedUntil)) {
            return call + "it is newer than the last run" + (scannedUntil == null ? "" : " (which read Aircall up to " + scannedUntil + ")")
                    + "; the next run picks it up.";
        }
        Instant from = facts.startedAt().truncatedTo(ChronoUnit.MINUTES);
        return call + "it started while the integration was connected and before the point ingestion has read up to ("
                + scannedUntil + "), yet no decision exists: an unaccounted call. An admin backfill of "
                + CallRules.backfill(from, from.plus(Duration.ofMinutes(1))) + " reads it; please report it to support.";
    }

    private static String phrase(Reason reason) {
        if (reason == null) {
            return "no rule failed";
        }
        return switch (reason) {
            case SKIPPED_OUTSIDE_INTEGRATION_WINDOW -> "the Aircall integration was not connected when it started";
            case SKIPPED_TOO_SHORT -> "it lasted less than 60 seconds";
            case SKIPPED_NO_AIRCALL_USER -> "it has no Aircall user (nobody answered or made it)";
            case SKIPPED_EMAIL_NOT_MATCHED -> "its Aircall user's email matches no Airspeed user";
            case SKIPPED_NO_RECORDING_SEAT -> "its Airspeed user has no active Recording seat";
            case PENDING_RECORDING -> "Aircall has not published its recording yet";
            case SKIPPED_NO_RECORDING -> "Aircall has no recording of it";
            case PENDING_IN_PROGRESS -> "it is still in progress";
            case SKIPPED_NEVER_FINISHED -> "Aircall reports it in progress long after any call ends (it never finished)";
            case SKIPPED_DELETED_IN_AIRCALL -> "Aircall no longer has it (deleted, or older than Aircall's history)";
        };
    }

    private static Support support(Verdict verdict, RuleCheck primaryCheck, String summary, Long id, Instant startedAt,
                                   String email, String link, List<CheckView> checks, DecisionView decision) {
        List<String> lines = checks.stream().map(c -> "Rule " + c.rule() + " " + c.check() + ": " + c.status()
                + (c.reason() == null ? "" : " (" + c.reason() + ")")
                + (c.now() == null || c.now() == c.status() ? "" : ", now " + c.now())
                + " — " + c.detail()).toList();
        List<String> text = new ArrayList<>();
        text.add("Why is my call missing? — Airspeed diagnosis");
        text.add("Verdict: " + verdict + (primaryCheck == null ? "" : " (" + primaryCheck + ")") + " — " + summary);
        text.add("Aircall call id: " + (id == null ? "unknown" : id));
        text.add("Started at (UTC): " + (startedAt == null ? "unknown" : startedAt));
        text.add("Aircall user email: " + (email == null ? "unknown" : email));
        text.add("Aircall link: " + (link == null ? "unknown" : link));
        text.addAll(lines);
        if (decision != null) {
            text.add("Decision: " + decision.outcome() + (decision.reason() == null ? "" : " " + decision.reason())
                    + " at " + decision.decidedAt() + ", run " + decision.runId());
            if (decision.history().size() > 1) {
                text.add("History: " + decision.history().stream().map(h -> h.outcome() + (h.reason() == null ? "" : " " + h.reason())
                        + " at " + h.decidedAt() + " (" + h.cause() + ")").collect(java.util.stream.Collectors.joining("; ")));
            }
        }
        return new Support(String.join("\n", text), startedAt, email, link, lines, id, decision == null ? null : decision.runId());
    }

    private static String linkOf(Found found) {
        String link = found.decision() != null ? found.decision().aircallLink : found.live().directLink();
        return link != null ? link : AircallLinks.directLink(found.id());
    }

    static CallFacts factsOf(Found found) {
        if (found.live() != null) {
            return CallFactsMapper.facts(found.live());
        }
        CallDecision d = found.decision();
        AircallParty handler = d.aircallUserId == null ? null : new AircallParty(d.aircallUserId, d.aircallUserEmail);
        return new CallFacts(d.aircallCallId, d.startedAt, d.endedAt, d.durationSeconds, AircallCall.STATUS_DONE.equals(d.aircallStatus),
                handler, List.of(), d.recordingPresent);
    }
}
