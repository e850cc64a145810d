package io.airspeed.ingest.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.airspeed.ingest.rules.Reason.PENDING_IN_PROGRESS;
import static io.airspeed.ingest.rules.Reason.PENDING_RECORDING;
import static io.airspeed.ingest.rules.Reason.SKIPPED_EMAIL_NOT_MATCHED;
import static io.airspeed.ingest.rules.Reason.SKIPPED_NO_AIRCALL_USER;
import static io.airspeed.ingest.rules.Reason.SKIPPED_NO_RECORDING;
import static io.airspeed.ingest.rules.Reason.SKIPPED_NEVER_FINISHED;
import static io.airspeed.ingest.rules.Reason.SKIPPED_NO_RECORDING_SEAT;
import static io.airspeed.ingest.rules.Reason.SKIPPED_OUTSIDE_INTEGRATION_WINDOW;
import static io.airspeed.ingest.rules.Reason.SKIPPED_TOO_SHORT;
import static org.assertj.core.api.Assertions.assertThat;

class CallRulesTest {

    private static final Instant CONNECTED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");
    private static final Duration GRACE = Duration.ofHours(3);

    private static final UUID DAVE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final UUID CAROL = UUID.randomUUID();
    private static final UUID GRACE_GONE = UUID.randomUUID();
    private static final UUID FRANK = UUID.randomUUID();

    private static final Roster ROSTER = new Roster(List.of(
            new RosterUser(DAVE, Set.of("dave@acme.com", "dave.sales@acme.com"), Set.of(), true, true),
            new RosterUser(BOB, Set.of("bob@acme.com"), Set.of(), true, true),
            new RosterUser(CAROL, Set.of("carol@acme.com"), Set.of(), false, true),
            new RosterUser(GRACE_GONE, Set.of("grace@acme.com"), Set.of(), true, false),
            new RosterUser(FRANK, Set.of("frank@acme.com"), Set.of(1007L), true, true)));

    private static final ConnectionWindows CONNECTED_SINCE_NOVEMBER =
            new ConnectionWindows(List.of(new ConnectionWindows.Window(CONNECTED, null)));

    @Test
    void importsAFinishedRecordedCallOfARecordingSeatUser() {
        Decision decision = decide(call(120, party(1, "dave@acme.com")));
        assertThat(decision.outcome()).isEqualTo(Outcome.IMPORTED);
        assertThat(decision.primaryReason()).isNull();
        assertThat(decision.reasons()).isEmpty();
        assertThat(decision.ownerUserId()).isEqualTo(DAVE);
        assertThat(decision.participantUserIds()).containsExactly(DAVE);
    }

    @Test
    void importsACallOfExactlySixtySeconds() {
        assertThat(decide(call(60, party(1, "dave@acme.com"))).outcome()).isEqualTo(Outcome.IMPORTED);
    }

    @Test
    void skipsCallShorterThanSixtySeconds() {
        Decision decision = decide(call(59, party(1, "dave@acme.com")));
        assertThat(decision.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(decision.primaryReason()).isEqualTo(SKIPPED_TOO_SHORT);
        assertThat(decision.reasons()).containsExactly(SKIPPED_TOO_SHORT);
    }

    @Test
    void skipsACallWithoutAircallUser() {
        Decision decision = decide(new CallFacts(1, STARTED, STARTED.plusSeconds(300), 300, true, null, List.of(), false));
        assertThat(decision.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(decision.primaryReason()).isEqualTo(SKIPPED_NO_AIRCALL_USER);
        assertThat(decision.reasons()).containsExactly(SKIPPED_NO_AIRCALL_USER, SKIPPED_NO_RECORDING);
        assertThat(decision.ownerUserId()).isNull();
        assertThat(decision.participantUserIds()).isEmpty();
    }

    @Test
    void aMissedCallIsFirstTooShortThenWithoutUser() {
        Decision decision = decide(new CallFacts(1, STARTED, STARTED.plusSeconds(17), 17, true, null, List.of(), false));
        assertThat(decision.primaryReason()).isEqualTo(SKIPPED_TOO_SHORT);
        assertThat(decision.reasons()).containsExactly(SKIPPED_TOO_SHORT, SKIPPED_NO_AIRCALL_USER, SKIPPED_NO_RECORDING);
    }

    @Test
    void skipsAnUnknownEmail() {
        Decision decision = decide(call(300, party(6, "erin@contractor.com")));
        assertThat(decision.primaryReason()).isEqualTo(SKIPPED_EMAIL_NOT_MATCHED);
        assertThat(decision.ownerUserId()).isNull();
    }

    @Test
    void matchesEmailsTrimmedAndLowerCasedButNothingFuzzier() {
        assertThat(decide(call(300, party(1, " Dave@ACME.com "))).ownerUserId()).isEqualTo(DAVE);
        assertThat(decide(call(300, party(1, "dave@acme.co"))).primaryReason()).isEqualTo(SKIPPED_EMAIL_NOT_MATCHED);
        assertThat(decide(call(300, party(1, "dave+sales@acme.com"))).primaryReason()).isEqualTo(SKIPPED_EMAIL_NOT_MATCHED);
        assertThat(decide(call(300, party(1, "d.ave@acme.com"))).primaryReason()).isEqualTo(SKIPPED_EMAIL_NOT_MATCHED);
    }

    @Test
    void matchesALinkedAliasEmail() {
        Decision decision = decide(call(300, party(4, "Dave.Sales@acme.com")));
        assertThat(decision.outcome()).isEqualTo(Outcome.IMPORTED);
        assertThat(decision.ownerUserId()).isEqualTo(DAVE);
    }

    @Test
    void matchesALinkedAircallUserIdWhateverTheEmail() {
        Decision decision = decide(call(300, party(1007, "frank.field@gmail.com")));
        assertThat(decision.outcome()).isEqualTo(Outcome.IMPORTED);
        assertThat(decision.ownerUserId()).isEqualTo(FRANK);
    }

    @Test
    void aUserWithoutEmailOnTheCallIsNotMatched() {
        assertThat(decide(call(300, party(55, null))).primaryReason()).isEqualTo(SKIPPED_EMAIL_NOT_MATCHED);
        assertThat(decide(call(300, party(55, "  "))).primaryReason()).isEqualTo(SKIPPED_EMAIL_NOT_MATCHED);
    }

    @Test
    void skipsAViewerSeat() {
        Decision decision = decide(call(300, party(3, "carol@acme.com")));
        assertThat(decision.primaryReason()).isEqualTo(SKIPPED_NO_RECORDING_SEAT);
        assertThat(decision.ownerUserId()).isEqualTo(CAROL);
    }

    @Test
    void skipsADeactivatedUserAsWithoutRecordingSeat() {
        assertThat(decide(call(300, party(8, "grace@acme.com"))).primaryReason()).isEqualTo(SKIPPED_NO_RECORDING_SEAT);
    }

    @Test
    void waitsForALateRecordingWithinTheGracePeriod() {
        Instant ended = NOW.minus(GRACE).plusSeconds(1);
        CallFacts call = new CallFacts(1, ended.minusSeconds(300), ended, 300, true, party(1, "dave@acme.com"), List.of(), false);
        Decision decision = decide(call);
        assertThat(decision.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(decision.primaryReason()).isEqualTo(PENDING_RECORDING);
    }

    @Test
    void givesUpOnTheRecordingWhenTheGracePeriodHasPassed() {
        Instant ended = NOW.minus(GRACE);
        CallFacts call = new CallFacts(1, ended.minusSeconds(300), ended, 300, true, party(1, "dave@acme.com"), List.of(), false);
        Decision decision = decide(call);
        assertThat(decision.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(decision.primaryReason()).isEqualTo(SKIPPED_NO_RECORDING);
    }

    @Test
    void theGracePeriodIsASetting() {
        Instant ended = NOW.minus(Duration.ofMinutes(30));
        CallFacts call = new CallFacts(1, ended.minusSeconds(300), ended, 300, true, party(1, "dave@acme.com"), List.of(), false);
        Decision decision = CallRules.decide(call, ROSTER, CONNECTED_SINCE_NOVEMBER, NOW,
                RuleSettings.scheduled(Duration.ofMinutes(15)));
        assertThat(decision.primaryReason()).isEqualTo(SKIPPED_NO_RECORDING);
    }

    @Test
    void aCallInProgressIsPendingNotTooShort() {
        CallFacts call = new CallFacts(1, NOW.minusSeconds(20), null, 0, false, party(1, "dave@acme.com"), List.of(), false);
        Decision decision = decide(call);
        assertThat(decision.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(decision.primaryReason()).isEqualTo(PENDING_IN_PROGRESS);
        assertThat(decision.reasons()).containsExactly(PENDING_IN_PROGRESS);
    }

    @Test
    void aCallStillInProgressAtTheLimitAfterItsStartIsSkippedAsNeverFinished() {
        Duration limit = RuleSettings.DEFAULT_IN_PROGRESS_LIMIT;
        CallFacts stuck = new CallFacts(1, NOW.minus(limit), null, 0, false, party(1, "dave@acme.com"), List.of(), false);
        CallFacts stillGoing = new CallFacts(2, NOW.minus(limit).plusSeconds(1), null, 0, false, party(1, "dave@acme.com"),
                List.of(), false);
        Decision decision = decide(stuck);
        assertThat(decision.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(decision.reasons()).containsExactly(SKIPPED_NEVER_FINISHED);
        assertThat(decide(stillGoing).reasons()).containsExactly(PENDING_IN_PROGRESS);
    }

    @Test
    void theInProgressLimitIsASetting() {
        CallFacts twoHoursIn = new CallFacts(1, NOW.minus(Duration.ofHours(2)), null, 0, false, party(1, "dave@acme.com"),
                List.of(), false);
        assertThat(CallRules.decide(twoHoursIn, ROSTER, CONNECTED_SINCE_NOVEMBER, NOW,
                RuleSettings.scheduled(GRACE, Duration.ofHours(1))).primaryReason()).isEqualTo(SKIPPED_NEVER_FINISHED);
        assertThat(CallRules.decide(twoHoursIn, ROSTER, CONNECTED_SINCE_NOVEMBER, NOW,
                RuleSettings.backfill(GRACE, Duration.ofHours(3))).primaryReason()).isEqualTo(PENDING_IN_PROGRESS);
    }

    @Test
    void aCallInProgressOfAnUnknownUserIsAlreadySkipped() {
        CallFacts call = new CallFacts(1, NOW.minusSeconds(20), null, 0, false, party(6, "erin@contractor.com"), List.of(), false);
        Decision decision = decide(call);
        assertThat(decision.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(decision.reasons()).containsExactly(SKIPPED_EMAIL_NOT_MATCHED);
    }

    @Test
    void skipsACallThatStartedBeforeTheFirstConnection() {
        CallFacts call = new CallFacts(1, CONNECTED.minusSeconds(1), CONNECTED.plusSeconds(299), 300, true,
                party(1, "dave@acme.com"), List.of(), true);
        Decision decision = decide(call);
        assertThat(decision.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(decision.reasons()).containsExactly(SKIPPED_OUTSIDE_INTEGRATION_WINDOW);
    }

    @Test
    void skipsACallInADisconnectionGapButNotAtTheReconnectionInstant() {
        Instant disconnected = Instant.parse("2026-11-10T00:00:00Z");
        Instant reconnected = Instant.parse("2026-11-11T00:00:00Z");
        ConnectionWindows windows = new ConnectionWindows(List.of(
                new ConnectionWindows.Window(CONNECTED, disconnected),
                new ConnectionWindows.Window(reconnected, null)));
        CallFacts inGap = callAt(disconnected, party(1, "dave@acme.com"));
        CallFacts atReconnect = callAt(reconnected, party(1, "dave@acme.com"));
        CallFacts beforeGap = callAt(disconnected.minusSeconds(1), party(1, "dave@acme.com"));

        RuleSettings settings = RuleSettings.scheduled(GRACE);
        assertThat(CallRules.decide(inGap, ROSTER, windows, NOW, settings).primaryReason())
                .isEqualTo(SKIPPED_OUTSIDE_INTEGRATION_WINDOW);
        assertThat(CallRules.decide(atReconnect, ROSTER, windows, NOW, settings).outcome()).isEqualTo(Outcome.IMPORTED);
        assertThat(CallRules.decide(beforeGap, ROSTER, windows, NOW, settings).outcome()).isEqualTo(Outcome.IMPORTED);
    }

    @Test
    void aBackfillOverridesTheWindowRule() {
        CallFacts beforeConnection = callAt(CONNECTED.minus(Duration.ofDays(5)), party(1, "dave@acme.com"));
        Decision decision = CallRules.decide(beforeConnection, ROSTER, CONNECTED_SINCE_NOVEMBER, NOW,
                RuleSettings.backfill(GRACE));
        assertThat(decision.outcome()).isEqualTo(Outcome.IMPORTED);
    }

    @Test
    void recordsEveryFailingReasonInTheArticlesOrder() {
        CallFacts everythingWrong = new CallFacts(1, CONNECTED.minusSeconds(3600), CONNECTED.minusSeconds(3590), 10, true,
                party(3, "carol@acme.com"), List.of(), false);
        Decision decision = decide(everythingWrong);
        assertThat(decision.primaryReason()).isEqualTo(SKIPPED_OUTSIDE_INTEGRATION_WINDOW);
        assertThat(decision.reasons()).containsExactly(SKIPPED_OUTSIDE_INTEGRATION_WINDOW, SKIPPED_TOO_SHORT,
                SKIPPED_NO_RECORDING_SEAT, SKIPPED_NO_RECORDING);
    }

    @Test
    void participantsAreTheOwnerAndMatchedTransferParties() {
        CallFacts transferred = new CallFacts(1, STARTED, STARTED.plusSeconds(600), 600, true, party(2, "bob@acme.com"),
                List.of(party(1, "dave@acme.com"), party(6, "erin@contractor.com"), party(2, "bob@acme.com")), true);
        Decision decision = decide(transferred);
        assertThat(decision.ownerUserId()).isEqualTo(BOB);
        assertThat(decision.participantUserIds()).containsExactly(BOB, DAVE);
    }

    @Test
    void theSameInputsGiveTheSameDecision() {
        CallFacts call = call(59, party(3, "carol@acme.com"));
        assertThat(decide(call)).isEqualTo(decide(call));
    }

    private static Decision decide(CallFacts call) {
        return CallRules.decide(call, ROSTER, CONNECTED_SINCE_NOVEMBER, NOW, RuleSettings.scheduled(GRACE));
    }

    private static CallFacts call(int duration, AircallParty handler) {
        return new CallFacts(1, STARTED, STARTED.plusSeconds(duration), duration, true, handler, List.of(), true);
    }

    private static CallFacts callAt(Instant started, AircallParty handler) {
        return new CallFacts(1, started, started.plusSeconds(300), 300, true, handler, List.of(), true);
    }

    private static AircallParty party(long id, String email) {
        return new AircallParty(id, email);
    }
}
