package io.airspeed.ingest.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The six rules of "Why are my Aircall calls missing?" as one pure function: the same facts,
 * roster, windows, instant and settings always give the same decision.
 */
public final class CallRules {

    private CallRules() {
    }

    public static Decision decide(CallFacts call, Roster roster, ConnectionWindows windows, Instant now,
                                  RuleSettings settings) {
        List<Reason> reasons = new ArrayList<>();

        if (settings.windowRuleApplies() && !windows.contains(call.startedAt())) {
            reasons.add(Reason.SKIPPED_OUTSIDE_INTEGRATION_WINDOW);
        }
        // Aircall reports duration 0 while a call goes on: its length is only known once it ends.
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
            boolean graceOver = call.endedAt() == null
                    || !now.isBefore(call.endedAt().plus(settings.recordingGrace()));
            reasons.add(graceOver ? Reason.SKIPPED_NO_RECORDING : Reason.PENDING_RECORDING);
        }
        if (!call.finished()) {
            // Waiting has to end somewhere: a call "in progress" for longer than any call lasts never will finish.
            boolean stuck = call.startedAt() != null && !now.isBefore(call.startedAt().plus(settings.inProgressLimit()));
            reasons.add(stuck ? Reason.SKIPPED_NEVER_FINISHED : Reason.PENDING_IN_PROGRESS);
        }

        boolean skipped = reasons.stream().anyMatch(reason -> !reason.isPending());
        if (skipped) {
            // A call skipped for good does not also wait: its pending checks no longer matter.
            reasons.removeIf(Reason::isPending);
        }
        reasons.sort(Comparator.comparingInt(Enum::ordinal));
        Outcome outcome = reasons.isEmpty() ? Outcome.IMPORTED : skipped ? Outcome.SKIPPED : Outcome.PENDING;
        UUID ownerId = owner.map(RosterUser::userId).orElse(null);
        return new Decision(outcome, reasons.isEmpty() ? null : reasons.get(0), List.copyOf(reasons), ownerId,
                participants(ownerId, call, roster));
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
