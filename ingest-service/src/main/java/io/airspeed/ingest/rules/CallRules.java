package io.airspeed.ingest.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The six rules of "Why are my Aircall calls missing?" as pure functions: the same facts,
 * roster, windows, instant and settings always give the same checks and the same decision. The
 * decision is derived from the checks (its reasons are the checks' reasons), so the diagnosis
 * that shows the checks and the run that records the decision can never disagree.
 */
public final class CallRules {

    private CallRules() {
    }

    public static Decision decide(CallFacts call, Roster roster, ConnectionWindows windows, Instant now,
                                  RuleSettings settings) {
        return evaluate(call, roster, windows, now, settings).decision();
    }

    public static RuleEvaluation evaluate(CallFacts call, Roster roster, ConnectionWindows windows, Instant now,
                                          RuleSettings settings) {
        RosterMatch match = roster.matchOf(call.handler());
        WindowPlacement placement = settings.windowRuleApplies() ? windows.placement(call.startedAt()) : WindowPlacement.OVERRIDDEN;
        List<CheckResult> checks = checks(call, match, placement, now, settings);
        UUID ownerId = match.matched() ? match.user().userId() : null;
        return new RuleEvaluation(checks, decisionOf(checks, ownerId, participants(ownerId, call, roster)));
    }

    /**
     * The import checks (rules 1, 2, 3, 4, 6) from what the rules need to know: the call, whom its
     * Aircall user maps to, and where its start falls against the connection windows.
     */
    public static List<CheckResult> checks(CallFacts call, RosterMatch match, WindowPlacement placement, Instant now,
                                           RuleSettings settings) {
        return List.of(emailMatch(call, match), recordingSeat(match), minimumDuration(call, now, settings),
                recording(call, now, settings), integrationConnected(call, placement, now));
    }

    /** Outcome and reasons from the checks: a call skipped for good does not also wait. */
    public static Decision decisionOf(List<CheckResult> checks, UUID ownerId, List<UUID> participants) {
        List<Reason> reasons = new ArrayList<>(checks.stream().map(CheckResult::reason).filter(Objects::nonNull).toList());
        boolean skipped = reasons.stream().anyMatch(reason -> !reason.isPending());
        if (skipped) {
            reasons.removeIf(Reason::isPending);
        }
        reasons.sort(Comparator.comparingInt(Enum::ordinal));
        Outcome outcome = reasons.isEmpty() ? Outcome.IMPORTED : skipped ? Outcome.SKIPPED : Outcome.PENDING;
        return new Decision(outcome, reasons.isEmpty() ? null : reasons.get(0), List.copyOf(reasons), ownerId, participants);
    }

    // Rule 1: the Aircall user maps to an Airspeed user.
    static CheckResult emailMatch(CallFacts call, RosterMatch match) {
        AircallParty handler = call.handler();
        if (handler == null) {
            return CheckResult.fail(Reason.SKIPPED_NO_AIRCALL_USER, "The call has no Aircall user: nobody answered or made it "
                    + "(a missed call, an IVR, or a shared inbox or team line nobody picked up).");
        }
        if (!match.matched()) {
            String email = Roster.normalize(handler.email());
            String who = email == null || email.isEmpty()
                    ? "Aircall user " + handler.aircallUserId() + " carries no email, and that Aircall user id is linked to no Airspeed user."
                    : "Aircall user " + handler.email().trim() + " (Aircall user id " + handler.aircallUserId()
                    + ") matches no Airspeed user: no user's email or linked identity is \"" + email
                    + "\" (compared trimmed and lower-cased, nothing fuzzier).";
            String shared = looksShared(email) ? " It looks like a shared inbox or team account." : "";
            return CheckResult.fail(Reason.SKIPPED_EMAIL_NOT_MATCHED, who + shared,
                    Reason.SKIPPED_EMAIL_NOT_MATCHED.remedy() + " For a shared inbox or team account (one Aircall user whose "
                            + "calls several people take), an admin links Aircall user id " + handler.aircallUserId()
                            + " to the person who should own its calls (POST /api/users/{id}/aircall-identities "
                            + "{\"kind\":\"AIRCALL_USER_ID\",\"value\":\"" + handler.aircallUserId() + "\"}), or leaves them out.");
        }
        RosterUser user = match.user();
        if (match.by() == RosterMatch.By.AIRCALL_USER_ID) {
            return CheckResult.pass(RuleCheck.EMAIL_MATCH, "Aircall user id " + handler.aircallUserId()
                    + " is linked to Airspeed user " + user.email() + ".");
        }
        boolean alias = user.email() != null && !Objects.equals(Roster.normalize(user.email()), Roster.normalize(handler.email()));
        return CheckResult.pass(RuleCheck.EMAIL_MATCH, "Aircall user " + handler.email().trim() + " matches Airspeed user "
                + user.email() + (alias ? " through a linked email alias." : "."));
    }

    /** Role addresses that are usually shared inboxes or team accounts, not a person. */
    private static final Set<String> SHARED_LOCAL_PARTS = Set.of("support", "sales", "team", "info", "help", "contact",
            "office", "inbox", "hello", "reception", "frontdesk", "service", "accounts", "billing", "hotline");

    static boolean looksShared(String normalizedEmail) {
        if (normalizedEmail == null || !normalizedEmail.contains("@")) {
            return false;
        }
        String local = normalizedEmail.substring(0, normalizedEmail.indexOf('@')).toLowerCase(Locale.ROOT);
        return SHARED_LOCAL_PARTS.stream().anyMatch(part -> local.equals(part) || local.startsWith(part + "-")
                || local.startsWith(part + ".") || local.startsWith(part + "_"));
    }

    // Rule 2: that user is active and has a Recording seat.
    static CheckResult recordingSeat(RosterMatch match) {
        if (!match.matched()) {
            return CheckResult.notApplicable(RuleCheck.RECORDING_SEAT, "No Airspeed user to check: rule 1 found none.");
        }
        RosterUser user = match.user();
        if (!user.active()) {
            return CheckResult.fail(Reason.SKIPPED_NO_RECORDING_SEAT, "Airspeed user " + user.email() + " is deactivated.");
        }
        if (!user.recordingSeat()) {
            return CheckResult.fail(Reason.SKIPPED_NO_RECORDING_SEAT, "Airspeed user " + user.email() + " has a "
                    + user.seat() + " seat, not a Recording seat.");
        }
        return CheckResult.pass(RuleCheck.RECORDING_SEAT, "Airspeed user " + user.email() + " is active with a Recording seat.");
    }

    // Rule 3: at least 60 seconds. Aircall reports duration 0 while a call goes on: its length is only known once it ends.
    static CheckResult minimumDuration(CallFacts call, Instant now, RuleSettings settings) {
        if (!call.finished()) {
            // Waiting has to end somewhere: a call "in progress" for longer than any call lasts never will finish.
            if (call.startedAt() != null && !now.isBefore(call.startedAt().plus(settings.inProgressLimit()))) {
                return CheckResult.fail(Reason.SKIPPED_NEVER_FINISHED, "Aircall still reports the call in progress "
                        + "long after any call ends: it never finished.");
            }
            return CheckResult.pending(Reason.PENDING_IN_PROGRESS, "The call is still in progress: its duration is known "
                    + "when it ends, and a run after that decides it.");
        }
        if (call.durationSeconds() < settings.minimumDuration()) {
            return CheckResult.fail(Reason.SKIPPED_TOO_SHORT, "The call lasted " + call.durationSeconds() + " s; at least "
                    + settings.minimumDuration() + " s are needed (Aircall's duration includes ringing and IVR time).");
        }
        return CheckResult.pass(RuleCheck.MINIMUM_DURATION, "The call lasted " + call.durationSeconds() + " s (at least "
                + settings.minimumDuration() + " s).");
    }

    // Rule 4: Aircall has an audio recording, waited for during the grace period.
    static CheckResult recording(CallFacts call, Instant now, RuleSettings settings) {
        if (!call.finished()) {
            return CheckResult.unknown(RuleCheck.RECORDING, "Checked once the call has ended.");
        }
        if (call.recordingPresent()) {
            return CheckResult.pass(RuleCheck.RECORDING, "Aircall has an audio recording of the call.");
        }
        Instant graceEnds = call.endedAt() == null ? null : call.endedAt().plus(settings.recordingGrace());
        if (graceEnds == null || !now.isBefore(graceEnds)) {
            return CheckResult.fail(Reason.SKIPPED_NO_RECORDING, "Aircall has no recording of the call, "
                    + hours(settings.recordingGrace()) + " after it ended (the grace period): not answered, recording off "
                    + "on the Aircall number, paused, or too little talk.");
        }
        return CheckResult.pending(Reason.PENDING_RECORDING, "No recording yet: Aircall publishes it some minutes after "
                + "a call ends. It is checked again on each run until " + graceEnds.truncatedTo(ChronoUnit.SECONDS) + ".");
    }

    // Rule 6: the integration was connected when the call started; an admin backfill overrides it.
    static CheckResult integrationConnected(CallFacts call, WindowPlacement placement, Instant now) {
        Instant started = call.startedAt();
        return switch (placement.kind()) {
            case OVERRIDDEN -> CheckResult.pass(RuleCheck.INTEGRATION_CONNECTED,
                    "Rule 6 does not apply: an admin backfill of the range read the call.");
            case COVERED -> CheckResult.pass(RuleCheck.INTEGRATION_CONNECTED, "The call started at " + started
                    + ", while the integration was connected (or inside a range an admin backfilled).");
            case NEVER_CONNECTED -> CheckResult.fail(Reason.SKIPPED_OUTSIDE_INTEGRATION_WINDOW,
                    "The org's Aircall integration has never been connected.",
                    "Ask an admin to connect the Aircall integration (PUT /api/integrations/aircall), then to backfill "
                            + backfill(minute(started), minute(started).plus(Duration.ofMinutes(1))) + ".");
            case BEFORE_FIRST_CONNECTION -> CheckResult.fail(Reason.SKIPPED_OUTSIDE_INTEGRATION_WINDOW,
                    "The call started at " + started + ", before the integration was first connected (" + placement.gapTo() + ").",
                    "Ask an admin to backfill " + backfill(minute(started), placement.gapTo())
                            + "; scheduled ingestion never reads calls from before the first connection.");
            case IN_GAP -> {
                Instant to = placement.gapTo() != null ? placement.gapTo() : now.truncatedTo(ChronoUnit.SECONDS);
                yield CheckResult.fail(Reason.SKIPPED_OUTSIDE_INTEGRATION_WINDOW,
                        "The call started at " + started + ", during a disconnection gap from " + placement.gapFrom()
                                + (placement.gapTo() == null ? " (the integration is still disconnected)" : " to " + placement.gapTo()) + ".",
                        (placement.gapTo() == null ? "Ask an admin to reconnect the integration and to backfill "
                                : "Ask an admin to backfill the gap, ") + backfill(placement.gapFrom(), to) + ".");
            }
        };
    }

    /** The exact request that imports the range, as an admin would send it. */
    public static String backfill(Instant from, Instant to) {
        return from + " – " + to + " (POST /api/backfills {\"from\":\"" + from + "\",\"to\":\"" + to + "\"})";
    }

    private static Instant minute(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MINUTES);
    }

    private static String hours(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }

    private static List<UUID> participants(UUID ownerId, CallFacts call, Roster roster) {
        Set<UUID> participants = new LinkedHashSet<>();
        if (ownerId != null) {
            participants.add(ownerId);
        }
        call.transferParties().forEach(party -> roster.match(party).ifPresent(user -> participants.add(user.userId())));
        return List.copyOf(participants);
    }
}
