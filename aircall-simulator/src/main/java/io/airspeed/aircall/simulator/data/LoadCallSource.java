package io.airspeed.aircall.simulator.data;

import io.airspeed.aircall.simulator.model.Direction;
import io.airspeed.aircall.simulator.model.MissedCallReason;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedNumber;
import io.airspeed.aircall.simulator.model.SimulatedTeam;
import io.airspeed.aircall.simulator.model.SimulatedUser;

import java.math.BigInteger;
import java.util.List;

/**
 * N calls spread evenly over {@code [from, to)}, call i derived from (seed, i) on demand: nothing is held
 * per call, and the index range of a time window is computed, not searched.
 */
final class LoadCallSource implements CallSource {

    /** Percent thresholds of the deterministic mix. */
    static final int LONG_RECORDED_BELOW = 80;
    static final int SHORT_BELOW = 88;
    static final int MISSED_BELOW = 94;

    private static final MissedCallReason[] REASONS = MissedCallReason.values();

    private final long count;
    private final long from;
    private final long span;
    private final long seed;
    private final long firstCallId;
    private final List<SimulatedUser> users;
    private final SimulatedNumber recordedNumber;
    private final SimulatedNumber unrecordedNumber;
    private final List<SimulatedTeam> inboundTeams;

    LoadCallSource(long count, long fromEpochSecond, long toEpochSecond, long seed, long firstCallId,
                   List<SimulatedUser> users, SimulatedNumber recordedNumber, SimulatedNumber unrecordedNumber,
                   SimulatedTeam team) {
        if (count < 0) {
            throw new IllegalArgumentException("call count must not be negative");
        }
        if (toEpochSecond <= fromEpochSecond) {
            throw new IllegalArgumentException("load range must not be empty");
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("load data set needs at least one user");
        }
        this.count = count;
        this.from = fromEpochSecond;
        this.span = toEpochSecond - fromEpochSecond;
        this.seed = seed;
        this.firstCallId = firstCallId;
        this.users = List.copyOf(users);
        this.recordedNumber = recordedNumber;
        this.unrecordedNumber = unrecordedNumber;
        this.inboundTeams = List.of(team);
    }

    @Override
    public long size() {
        return count;
    }

    long startedAt(long index) {
        return from + mulDiv(index, span, count);
    }

    @Override
    public long countStartedBefore(long epochSecond) {
        long d = epochSecond - from;
        if (d <= 0) {
            return 0;
        }
        if (d >= span) {
            return count;
        }
        // started_at(i) < from + d  <=>  floor(i*span/count) < d  <=>  i*span < d*count
        return Math.min(count, ceilMulDiv(d, count, span));
    }

    @Override
    public SimulatedCall findById(long id) {
        long index = id - firstCallId;
        return index >= 0 && index < count ? get(index) : null;
    }

    @Override
    public SimulatedCall get(long index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index);
        }
        long h = SeededHash.mix(seed, index);
        int kind = SeededHash.pick(h, 0, 100);
        long startedAt = startedAt(index);
        long id = firstCallId + index;
        int ring = 3 + SeededHash.pick(h, 8, 20);
        SimulatedUser user = users.get(SeededHash.pick(h, 16, users.size()));
        Direction direction = ((h >>> 62) & 1) == 0 ? Direction.INBOUND : Direction.OUTBOUND;

        SimulatedCall.Builder b = SimulatedCall.builder()
                .id(id)
                .sid("CA" + Long.toHexString(h))
                .startedAt(startedAt)
                .rawDigits(rawDigits(h));
        if (kind < LONG_RECORDED_BELOW) {
            long duration = 60 + SeededHash.pick(h, 32, 3540);
            long endedAt = startedAt + duration;
            b.scenario("load-long-recorded").user(user).number(recordedNumber)
                    .answeredAt(startedAt + ring).endedAt(endedAt)
                    .recordingAvailableAt(endedAt + 30 + SeededHash.pick(h, 40, 270));
        } else if (kind < SHORT_BELOW) {
            long duration = ring + 1 + SeededHash.pick(h, 32, 59 - ring);
            long endedAt = startedAt + duration;
            b.scenario("load-short").user(user).number(recordedNumber)
                    .answeredAt(startedAt + ring).endedAt(endedAt)
                    .recordingAvailableAt(duration - ring >= 5 ? endedAt + 30 : null);
        } else if (kind < MISSED_BELOW) {
            long endedAt = startedAt + 5 + SeededHash.pick(h, 32, 85);
            direction = Direction.INBOUND;
            b.scenario("load-missed").number(recordedNumber).endedAt(endedAt)
                    .missedCallReason(REASONS[SeededHash.pick(h, 40, REASONS.length)])
                    .voicemailAvailableAt(((h >>> 50) & 1) == 0 ? endedAt + 30 : null);
        } else {
            long endedAt = startedAt + 60 + SeededHash.pick(h, 32, 1800);
            b.scenario("load-no-recording").user(user).number(unrecordedNumber)
                    .answeredAt(startedAt + ring).endedAt(endedAt);
        }
        b.direction(direction);
        if (direction == Direction.INBOUND) {
            b.teams(inboundTeams);
        }
        return b.build();
    }

    private static String rawDigits(long h) {
        int line = SeededHash.pick(h, 20, 10000);
        char[] digits = {'+', '1', ' ', '4', '1', '5', '-', '5', '5', '5', '-',
                (char) ('0' + line / 1000), (char) ('0' + line / 100 % 10),
                (char) ('0' + line / 10 % 10), (char) ('0' + line % 10)};
        return new String(digits);
    }

    private static long mulDiv(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        if (high == 0 && a * b >= 0) {
            return a * b / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }

    private static long ceilMulDiv(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        if (high == 0 && a * b >= 0) {
            long p = a * b;
            return p / c + (p % c == 0 ? 0 : 1);
        }
        BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(c));
        return qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    }
}
