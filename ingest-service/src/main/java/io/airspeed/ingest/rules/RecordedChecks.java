package io.airspeed.ingest.rules;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The checks as they stood when a call was decided ("then"), rebuilt from the recorded decision:
 * the roster and windows of that moment are gone, but the recorded reasons say how rules 1, 2 and
 * 6 came out, and the recorded Aircall facts and decision time give rules 3 and 4 exactly. The
 * rebuilt inputs go through the same {@link CallRules#checks} as any run, so "then" is never a
 * second implementation of the rules.
 */
public final class RecordedChecks {

    private RecordedChecks() {
    }

    /**
     * @param owner       today's roster entry of the user the decision matched, or null
     * @param ownerUserId the user the decision matched (null: none)
     * @param placement   where the call falls against the connection windows alone (without backfills),
     *                    used when the decision recorded rule 6 as failing
     */
    public static List<CheckResult> of(CallFacts call, List<Reason> reasons, UUID ownerUserId, RosterUser owner,
                                       WindowPlacement placement, Instant decidedAt, RuleSettings settings) {
        List<CheckResult> checks = CallRules.checks(call, matchThen(call, reasons, ownerUserId, owner),
                placementThen(reasons, placement, settings), decidedAt, settings);
        return reasons.contains(Reason.SKIPPED_DELETED_IN_AIRCALL) ? withDeletedInAircall(checks) : checks;
    }

    /**
     * A pending call Aircall answered 404 for when it was checked again: no rule decided it, the
     * call vanished while rule 4 still waited, so the recorded outcome is that check's result.
     */
    private static List<CheckResult> withDeletedInAircall(List<CheckResult> checks) {
        CheckResult deleted = CheckResult.fail(Reason.SKIPPED_DELETED_IN_AIRCALL, "The call was still waiting for its "
                + "recording when Aircall, asked again, answered that it no longer has it (deleted in Aircall, or older "
                + "than the history Aircall keeps).");
        return checks.stream().map(check -> check.check() == deleted.check() ? deleted : check).toList();
    }

    static RosterMatch matchThen(CallFacts call, List<Reason> reasons, UUID ownerUserId, RosterUser owner) {
        if (call.handler() == null || reasons.contains(Reason.SKIPPED_NO_AIRCALL_USER)
                || reasons.contains(Reason.SKIPPED_EMAIL_NOT_MATCHED)) {
            return RosterMatch.NONE;
        }
        boolean eligible = !reasons.contains(Reason.SKIPPED_NO_RECORDING_SEAT);
        UUID id = ownerUserId != null ? ownerUserId : owner != null ? owner.userId() : new UUID(0, 0);
        String email = owner != null ? owner.email() : "(user " + id + ")";
        boolean active = true;
        boolean recordingSeat = eligible;
        String seat = eligible ? "RECORDING" : "non-Recording";
        if (!eligible && owner != null && (!owner.active() || !owner.recordingSeat())) {
            // Today's entry shows why it failed then, as far as it still can.
            active = owner.active();
            recordingSeat = owner.recordingSeat();
            seat = owner.seat();
        }
        boolean linkedById = owner != null && owner.aircallUserIds().contains(call.handler().aircallUserId());
        RosterUser then = new RosterUser(id, Set.of(), Set.of(), recordingSeat, active, email, seat);
        return new RosterMatch(then, linkedById ? RosterMatch.By.AIRCALL_USER_ID : RosterMatch.By.EMAIL);
    }

    static WindowPlacement placementThen(List<Reason> reasons, WindowPlacement placement, RuleSettings settings) {
        if (!settings.windowRuleApplies()) {
            return WindowPlacement.OVERRIDDEN;
        }
        if (!reasons.contains(Reason.SKIPPED_OUTSIDE_INTEGRATION_WINDOW)) {
            return WindowPlacement.COVERED;
        }
        return placement != null && !placement.passes() ? placement
                : new WindowPlacement(WindowPlacement.Kind.NEVER_CONNECTED, null, null);
    }
}
