package io.airspeed.aircall.simulator.data;

import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.model.Direction;
import io.airspeed.aircall.simulator.model.MissedCallReason;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedComment;
import io.airspeed.aircall.simulator.model.SimulatedNumber;
import io.airspeed.aircall.simulator.model.SimulatedTag;
import io.airspeed.aircall.simulator.model.SimulatedTeam;
import io.airspeed.aircall.simulator.model.SimulatedUser;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The "demo" data set: company "Acme demo" with one call per ingestion scenario (several for the ordinary
 * case). Call ids, users, durations and scenario placement are fixed, so tests and the local stack can
 * name them; the seed only varies the callers' numbers, the sids and start times by up to 30 minutes.
 *
 * <p>Calls lie in the 48 h before the anchor, except the before-connection calls (10 days before).
 */
public final class DemoCompany {

    public static final String ID = "acme-demo";
    public static final String NAME = "Acme demo";
    public static final String API_ID = "demo-api-id";
    public static final String API_TOKEN = "demo-api-token";

    public static final long ALICE = 1001;
    public static final long BOB = 1002;
    public static final long CAROL = 1003;
    public static final long DAVE = 1004;
    public static final long SUPPORT_INBOX = 1005;
    public static final long ERIN = 1006;
    public static final long FRANK = 1007;
    public static final long GRACE = 1008;

    public static final String IMPORTED_NORMAL = "imported-normal";
    public static final String TOO_SHORT = "too-short";
    public static final String EXACTLY_60_S = "exactly-60-s";
    public static final String MISSED_WITHOUT_USER = "missed-without-user";
    public static final String UNKNOWN_EMAIL = "unknown-email";
    public static final String SHARED_INBOX = "shared-inbox";
    public static final String EMAIL_CASE_VARIANT = "email-case-variant";
    public static final String ALIAS_MATCH = "alias-match";
    public static final String AIRCALL_ID_MATCH = "aircall-id-match";
    public static final String VIEWER_SEAT = "viewer-seat";
    public static final String DEACTIVATED_USER = "deactivated-user";
    public static final String NO_RECORDING = "no-recording";
    public static final String LATE_RECORDING = "late-recording";
    public static final String IN_PROGRESS = "in-progress";
    public static final String BEFORE_CONNECTION = "before-connection";
    public static final String TRANSFERRED = "transferred";
    public static final String PRIVATE_WORTHY = "private-worthy";

    /** When the late-recording call's recording appears, counted from the anchor. */
    public static final Duration LATE_RECORDING_DELAY = Duration.ofMinutes(10);

    /** An Aircall user of the demo company and what the local stack creates for it on Airspeed's side. */
    public record DemoUser(long aircallUserId, String name, String email, String airspeedSide) {
    }

    private static final Instant USERS_CREATED = Instant.parse("2024-01-15T09:00:00Z");

    private static final List<DemoUser> USERS = List.of(
            new DemoUser(ALICE, "Alice Admin", "alice@acme.test", "alice@acme.test: ADMIN, RECORDING seat"),
            new DemoUser(BOB, "Bob Member", "Bob@Acme.TEST", "bob@acme.test: MEMBER, RECORDING seat (email case variant)"),
            new DemoUser(CAROL, "Carol Viewer", "carol@acme.test", "carol@acme.test: VIEWER seat"),
            new DemoUser(DAVE, "Dave Sales", "dave.sales@acme.test",
                    "dave@acme.test with linked alias dave.sales@acme.test, RECORDING seat"),
            new DemoUser(SUPPORT_INBOX, "Support Inbox", "support@acme.test", "none (shared inbox)"),
            new DemoUser(ERIN, "Erin Contractor", "erin@contractor.test", "none (unknown email)"),
            new DemoUser(FRANK, "Frank Field", "frank.field@gmail.test",
                    "frank@acme.test linked by Aircall user id 1007, RECORDING seat"),
            new DemoUser(GRACE, "Grace Gone", "grace@acme.test", "grace@acme.test: deactivated"));

    public static final SimulatedNumber SALES_LINE =
            new SimulatedNumber(2001, "Acme Sales", "+1 415-555-0101", "US", "America/New_York", false, true);
    public static final SimulatedNumber SUPPORT_LINE =
            new SimulatedNumber(2002, "Acme Support", "+1 415-555-0102", "US", "America/New_York", true, true);
    public static final SimulatedNumber UNRECORDED_LINE =
            new SimulatedNumber(2003, "Acme Legal", "+1 415-555-0103", "US", "America/New_York", false, false);
    public static final SimulatedTeam SUPPORT_TEAM =
            new SimulatedTeam(3001, "Support", Instant.parse("2024-01-10T08:00:00Z"));

    private static final long FIRST_CALL_ID = 500_000_001L;

    /** One row per demo call: where it lies relative to the anchor and how it went. */
    private record Plan(int ordinal, String scenario, String rule, String expected, Long userId, Direction direction,
                        Duration beforeAnchor, boolean jitter, int ringSeconds, Integer durationSeconds) {
        long callId() {
            return FIRST_CALL_ID + ordinal;
        }
    }

    private static final List<Plan> PLANS = List.of(
            new Plan(0, IMPORTED_NORMAL, "all rules pass", "IMPORTED", ALICE, Direction.OUTBOUND, Duration.ofHours(47), true, 8, 312),
            new Plan(1, IMPORTED_NORMAL, "all rules pass", "IMPORTED", ALICE, Direction.INBOUND, Duration.ofHours(41), true, 6, 760),
            new Plan(2, IMPORTED_NORMAL, "all rules pass (email matched case-insensitively)", "IMPORTED", BOB, Direction.OUTBOUND, Duration.ofHours(36), true, 9, 423),
            new Plan(3, IMPORTED_NORMAL, "all rules pass (email matched case-insensitively)", "IMPORTED", BOB, Direction.INBOUND, Duration.ofHours(31), true, 5, 1218),
            new Plan(4, TOO_SHORT, "rule 3: duration 59 s is under 60 s", "SKIPPED_TOO_SHORT", ALICE, Direction.OUTBOUND, Duration.ofHours(28), true, 6, 59),
            new Plan(5, EXACTLY_60_S, "rule 3: duration of exactly 60 s imports", "IMPORTED", ALICE, Direction.OUTBOUND, Duration.ofHours(27), true, 6, 60),
            new Plan(6, MISSED_WITHOUT_USER, "rule 1: missed inbound call with no Aircall user (75 s of ringing and voicemail)", "SKIPPED_NO_AIRCALL_USER", null, Direction.INBOUND, Duration.ofHours(26), true, 0, 75),
            new Plan(7, UNKNOWN_EMAIL, "rule 1: Aircall user's email matches no Airspeed user", "SKIPPED_EMAIL_NOT_MATCHED", ERIN, Direction.OUTBOUND, Duration.ofHours(24), true, 7, 540),
            new Plan(8, SHARED_INBOX, "rule 1: shared-inbox Aircall user has no Airspeed user", "SKIPPED_EMAIL_NOT_MATCHED", SUPPORT_INBOX, Direction.INBOUND, Duration.ofHours(22), true, 4, 360),
            new Plan(9, EMAIL_CASE_VARIANT, "rule 1: Bob@Acme.TEST matches bob@acme.test after lower-casing", "IMPORTED", BOB, Direction.OUTBOUND, Duration.ofHours(20), true, 7, 270),
            new Plan(10, ALIAS_MATCH, "rule 1: matched through the linked alias email dave.sales@acme.test", "IMPORTED", DAVE, Direction.OUTBOUND, Duration.ofHours(18), true, 5, 900),
            new Plan(11, AIRCALL_ID_MATCH, "rule 1: matched through the linked Aircall user id 1007", "IMPORTED", FRANK, Direction.OUTBOUND, Duration.ofHours(16), true, 6, 660),
            new Plan(12, VIEWER_SEAT, "rule 2: the Airspeed user has a VIEWER seat", "SKIPPED_NO_RECORDING_SEAT", CAROL, Direction.INBOUND, Duration.ofHours(14), true, 5, 480),
            new Plan(13, DEACTIVATED_USER, "rule 2: the Airspeed user is deactivated", "SKIPPED_NO_RECORDING_SEAT", GRACE, Direction.OUTBOUND, Duration.ofHours(12), true, 6, 600),
            new Plan(14, NO_RECORDING, "rule 4: answered and long but recording is off on the line; never gets one", "SKIPPED_NO_RECORDING", ALICE, Direction.OUTBOUND, Duration.ofHours(10), true, 7, 1500),
            new Plan(15, TRANSFERRED, "rule 5: transferred from Alice to Bob, both are participants", "IMPORTED", ALICE, Direction.INBOUND, Duration.ofHours(8), true, 5, 840),
            new Plan(16, PRIVATE_WORTHY, "rule 5: tagged hr, a call to make PRIVATE", "IMPORTED", ALICE, Direction.OUTBOUND, Duration.ofHours(6), true, 6, 1080),
            new Plan(17, LATE_RECORDING, "rule 4: recording appears 10 minutes after the anchor (or when attached)", "PENDING_RECORDING, then IMPORTED", BOB, Direction.OUTBOUND, Duration.ofMinutes(25), false, 8, 1200),
            new Plan(18, IN_PROGRESS, "call still in progress (status answered, ended_at null)", "PENDING_IN_PROGRESS", ALICE, Direction.INBOUND, Duration.ofMinutes(15), false, 10, null),
            new Plan(19, BEFORE_CONNECTION, "rule 6: started 10 days before the anchor, before the integration was connected", "SKIPPED_OUTSIDE_INTEGRATION_WINDOW", ALICE, Direction.OUTBOUND, Duration.ofDays(10), true, 7, 600),
            new Plan(20, BEFORE_CONNECTION, "rule 6: started 10 days before the anchor, before the integration was connected", "SKIPPED_OUTSIDE_INTEGRATION_WINDOW", BOB, Direction.INBOUND, Duration.ofDays(10).minusHours(2), true, 5, 480));

    private DemoCompany() {
    }

    public static List<DemoUser> demoUsers() {
        return USERS;
    }

    public static List<SimulatedUser> users() {
        return USERS.stream()
                .map(u -> SimulatedUser.of(u.aircallUserId(), u.name(), u.email(), USERS_CREATED))
                .toList();
    }

    /** Every demo call with its scenario, in call-id order. Independent of anchor and seed. */
    public static List<ScenarioCall> scenarios() {
        return PLANS.stream().map(p -> new ScenarioCall(p.callId(), p.scenario(), p.rule(), p.expected())).toList();
    }

    /** The id of the (first) call of a scenario. */
    public static long callId(String scenario) {
        return callIds(scenario).get(0);
    }

    public static List<Long> callIds(String scenario) {
        List<Long> ids = PLANS.stream().filter(p -> p.scenario().equals(scenario)).map(Plan::callId).toList();
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no demo scenario " + scenario);
        }
        return ids;
    }

    public static CompanySpec spec(Instant anchor, long seed) {
        return CompanySpec.builder(ID)
                .name(NAME)
                .credentials(API_ID, API_TOKEN)
                .users(users())
                .calls(new FixedCallSource(calls(anchor, seed)))
                .scenarios(scenarios())
                .defaultNumber(SALES_LINE)
                .build();
    }

    public static List<SimulatedCall> calls(Instant anchor, long seed) {
        Map<Long, SimulatedUser> users = users().stream()
                .collect(Collectors.toMap(SimulatedUser::id, Function.identity()));
        long anchorSecond = anchor.getEpochSecond();
        List<SimulatedCall> calls = new ArrayList<>();
        for (Plan plan : PLANS) {
            calls.add(call(plan, anchorSecond, seed, users));
        }
        return calls;
    }

    private static SimulatedCall call(Plan plan, long anchor, long seed, Map<Long, SimulatedUser> users) {
        long h = SeededHash.mix(seed, plan.ordinal());
        long startedAt = anchor - plan.beforeAnchor().toSeconds()
                + (plan.jitter() ? SeededHash.pick(h, 0, 30) * 60L + SeededHash.pick(h, 8, 60) : 0);
        SimulatedUser user = plan.userId() == null ? null : users.get(plan.userId());
        SimulatedCall.Builder b = SimulatedCall.builder()
                .id(plan.callId())
                .sid(String.format("CA%016x%016x", h, plan.callId()))
                .direction(plan.direction())
                .startedAt(startedAt)
                .rawDigits(String.format("+44 20 7946 0%03d", SeededHash.pick(h, 16, 1000)))
                .user(user)
                .number(plan.direction() == Direction.INBOUND ? SUPPORT_LINE : SALES_LINE)
                .teams(plan.direction() == Direction.INBOUND ? List.of(SUPPORT_TEAM) : List.of())
                .scenario(plan.scenario());
        if (user != null) {
            b.answeredAt(startedAt + plan.ringSeconds());
        }
        if (plan.durationSeconds() != null) {
            long endedAt = startedAt + plan.durationSeconds();
            b.endedAt(endedAt);
            if (user != null) {
                b.recordingAvailableAt(endedAt + 120);
            }
        }
        switch (plan.scenario()) {
            case MISSED_WITHOUT_USER -> b.missedCallReason(MissedCallReason.AGENTS_DID_NOT_ANSWER)
                    .voicemailAvailableAt(startedAt + plan.durationSeconds() + 60);
            case NO_RECORDING -> b.number(UNRECORDED_LINE).recordingAvailableAt(null);
            case LATE_RECORDING -> b.recordingAvailableAt(anchor + LATE_RECORDING_DELAY.toSeconds());
            case TRANSFERRED -> b.transferredBy(users.get(ALICE)).transferredTo(users.get(BOB));
            case PRIVATE_WORTHY -> b.tags(List.of(new SimulatedTag(4001, "hr")))
                    .comments(List.of(new SimulatedComment(5001, "Salary negotiation, keep confidential.",
                            startedAt + plan.durationSeconds() + 300)));
            default -> {
            }
        }
        return b.build();
    }
}
