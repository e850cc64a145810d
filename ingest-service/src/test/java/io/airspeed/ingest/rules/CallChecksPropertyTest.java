package io.airspeed.ingest.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision and the checks the diagnosis shows agree for every generated combination of rule
 * inputs: durations around 60 s, with and without an Aircall user, matched by email, alias or
 * Aircall id or not at all, every seat, active or not, recording present, pending or given up,
 * inside or outside the windows, finished or not, scheduled or backfill.
 */
class CallChecksPropertyTest {

    private static final Instant CONNECTED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant DISCONNECTED = Instant.parse("2026-11-10T00:00:00Z");
    private static final Instant RECONNECTED = Instant.parse("2026-11-11T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");
    private static final Duration GRACE = Duration.ofHours(3);
    private static final ConnectionWindows WINDOWS = new ConnectionWindows(List.of(
            new ConnectionWindows.Window(CONNECTED, DISCONNECTED), new ConnectionWindows.Window(RECONNECTED, null)));

    private static final int[] DURATIONS = {0, 1, 59, 60, 61, 600};
    private static final String[] SEATS = {"RECORDING", "VIEWER", "NONE"};
    private static final Instant[] STARTS = {
            CONNECTED.minusSeconds(3600),             // before the first connection
            DISCONNECTED.plusSeconds(3600),           // in the gap
            RECONNECTED,                              // at the reconnection instant
            NOW.minus(Duration.ofHours(2)),           // recording still within its grace
            NOW.minus(Duration.ofHours(10))};         // recording grace over
    private static final String[] HANDLERS = {"none", "primary", "alias", "aircall-id", "unmatched", "no-email"};

    @Test
    void theDecisionIsTheFirstFailingCheckInPrecedenceOrderForEveryCombination() {
        int combinations = 0;
        for (int duration : DURATIONS) {
            for (boolean finished : new boolean[] {true, false}) {
                for (String handler : HANDLERS) {
                    for (String seat : SEATS) {
                        for (boolean active : new boolean[] {true, false}) {
                            for (boolean recording : new boolean[] {true, false}) {
                                for (Instant start : STARTS) {
                                    for (boolean endedKnown : new boolean[] {true, false}) {
                                        for (boolean backfill : new boolean[] {false, true}) {
                                            check(duration, finished, handler, seat, active, recording, start, endedKnown, backfill);
                                            combinations++;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(6 * 2 * 6 * 3 * 2 * 2 * 5 * 2 * 2);
    }

    private static void check(int duration, boolean finished, String handlerKind, String seat, boolean active,
                              boolean recording, Instant start, boolean endedKnown, boolean backfill) {
        UUID userId = UUID.randomUUID();
        Roster roster = new Roster(List.of(new RosterUser(userId, Set.of("dave@acme.com", "dave.sales@acme.com"), Set.of(1007L),
                "RECORDING".equals(seat), active, "dave@acme.com", seat)));
        AircallParty handler = switch (handlerKind) {
            case "none" -> null;
            case "primary" -> new AircallParty(1, " Dave@Acme.com ");
            case "alias" -> new AircallParty(2, "dave.sales@acme.com");
            case "aircall-id" -> new AircallParty(1007, "frank.field@gmail.com");
            case "unmatched" -> new AircallParty(6, "support@acme.com");
            default -> new AircallParty(55, null);
        };
        int seconds = finished ? duration : 0;
        Instant ended = finished && endedKnown ? start.plusSeconds(seconds) : null;
        CallFacts call = new CallFacts(42, start, ended, seconds, finished, handler, List.of(), recording);
        RuleSettings settings = backfill ? RuleSettings.backfill(GRACE) : RuleSettings.scheduled(GRACE);
        String label = String.format("duration=%d finished=%s handler=%s seat=%s active=%s recording=%s start=%s ended=%s backfill=%s",
                duration, finished, handlerKind, seat, active, recording, start, ended, backfill);

        RuleEvaluation evaluation = CallRules.evaluate(call, roster, WINDOWS, NOW, settings);
        Decision decision = CallRules.decide(call, roster, WINDOWS, NOW, settings);
        List<CheckResult> checks = evaluation.checks();

        assertThat(evaluation.decision()).as(label).isEqualTo(decision);
        assertThat(decision).as("the rules as written before the checks existed, " + label)
                .isEqualTo(ArticleRulesAsFirstWritten.decide(call, roster, WINDOWS, NOW, settings));

        assertThat(checks).extracting(CheckResult::check).as(label).containsExactly(RuleCheck.EMAIL_MATCH,
                RuleCheck.RECORDING_SEAT, RuleCheck.MINIMUM_DURATION, RuleCheck.RECORDING, RuleCheck.INTEGRATION_CONNECTED);
        for (CheckResult result : checks) {
            assertThat(result.detail()).as(label).isNotBlank();
            switch (result.status()) {
                case FAIL -> {
                    assertThat(result.reason()).as(label).isNotNull();
                    assertThat(result.reason().isPending()).as(label).isFalse();
                    assertThat(RuleCheck.of(result.reason())).as(label).isEqualTo(result.check());
                    assertThat(result.remedy()).as(label).isNotBlank();
                }
                case PASS, NOT_APPLICABLE -> assertThat(result.reason()).as(label).isNull();
                case UNKNOWN -> assertThat(result.reason() == null || result.reason().isPending()).as(label).isTrue();
            }
        }

        Optional<CheckResult> firstFailing = checks.stream().filter(c -> c.status() == CheckStatus.FAIL)
                .min(Comparator.comparingInt(c -> c.reason().ordinal()));
        Optional<CheckResult> firstPending = checks.stream().filter(c -> c.status() == CheckStatus.UNKNOWN && c.reason() != null)
                .min(Comparator.comparingInt(c -> c.reason().ordinal()));
        if (firstFailing.isPresent()) {
            assertThat(decision.outcome()).as(label).isEqualTo(Outcome.SKIPPED);
            assertThat(decision.primaryReason()).as(label).isEqualTo(firstFailing.get().reason());
        } else if (firstPending.isPresent()) {
            assertThat(decision.outcome()).as(label).isEqualTo(Outcome.PENDING);
            assertThat(decision.primaryReason()).as(label).isEqualTo(firstPending.get().reason());
        } else {
            assertThat(decision.outcome()).as(label).isEqualTo(Outcome.IMPORTED);
            assertThat(decision.primaryReason()).as(label).isNull();
        }
        List<Reason> failing = checks.stream().filter(c -> c.status() == CheckStatus.FAIL).map(CheckResult::reason).toList();
        assertThat(decision.reasons()).as(label).containsAll(failing);

        // "Then": the checks rebuilt from the recorded decision give back the same decision.
        WindowPlacement placement = WINDOWS.placement(start);
        List<CheckResult> then = RecordedChecks.of(call, decision.reasons(), decision.ownerUserId(),
                roster.user(userId).orElseThrow(), placement, NOW, settings);
        Decision rebuilt = CallRules.decisionOf(then, decision.ownerUserId(), decision.participantUserIds());
        assertThat(rebuilt).as("rebuilt from the record, " + label).isEqualTo(decision);
    }

    /** The body of CallRules.decide before it was split into checks: the oracle the refactoring must match. */
    private static final class ArticleRulesAsFirstWritten {

        static Decision decide(CallFacts call, Roster roster, ConnectionWindows windows, Instant now, RuleSettings settings) {
            List<Reason> reasons = new ArrayList<>();
            if (settings.windowRuleApplies() && !windows.contains(call.startedAt())) {
                reasons.add(Reason.SKIPPED_OUTSIDE_INTEGRATION_WINDOW);
            }
            if (call.finished() && call.durationSeconds() < settings.minimumDuration()) {
                reasons.add(Reason.SKIPPED_TOO_SHORT);
            }
            Optional<RosterUser> owner = roster.match(call.handler());
            if (call.handler() == null) {
                reasons.add(Reason.SKIPPED_NO_AIRCALL_USER);
            } else if (owner.isEmpty()) {
                reasons.add(Reason.SKIPPED_EMAIL_NOT_MATCHED);
            } else if (!owner.get().active() || !owner.get().recordingSeat()) {
                reasons.add(Reason.SKIPPED_NO_RECORDING_SEAT);
            }
            if (call.finished() && !call.recordingPresent()) {
                boolean graceOver = call.endedAt() == null || !now.isBefore(call.endedAt().plus(settings.recordingGrace()));
                reasons.add(graceOver ? Reason.SKIPPED_NO_RECORDING : Reason.PENDING_RECORDING);
            }
            if (!call.finished()) {
                boolean stuck = call.startedAt() != null && !now.isBefore(call.startedAt().plus(settings.inProgressLimit()));
                reasons.add(stuck ? Reason.SKIPPED_NEVER_FINISHED : Reason.PENDING_IN_PROGRESS);
            }
            boolean skipped = reasons.stream().anyMatch(reason -> !reason.isPending());
            if (skipped) {
                reasons.removeIf(Reason::isPending);
            }
            reasons.sort(Comparator.comparingInt(Enum::ordinal));
            Outcome outcome = reasons.isEmpty() ? Outcome.IMPORTED : skipped ? Outcome.SKIPPED : Outcome.PENDING;
            UUID ownerId = owner.map(RosterUser::userId).orElse(null);
            List<UUID> participants = ownerId == null ? List.of() : List.of(ownerId);
            return new Decision(outcome, reasons.isEmpty() ? null : reasons.get(0), List.copyOf(reasons), ownerId,
                    participants.stream().filter(Objects::nonNull).toList());
        }
    }
}
