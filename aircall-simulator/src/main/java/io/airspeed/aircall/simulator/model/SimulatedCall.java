package io.airspeed.aircall.simulator.model;

import java.util.List;
import java.util.Objects;

/**
 * One Aircall call. Times are UNIX seconds, as Aircall sends them. {@code status} and {@code duration}
 * are derived from the times so they can never disagree with them.
 *
 * <p>{@code recordingAvailableAt} is when the recording becomes downloadable (null: never), which is
 * how a recording that shows up minutes after the call ends is simulated; {@code voicemailAvailableAt}
 * likewise. {@code scenario} labels demo calls and is never rendered.
 *
 * <p>When {@code user} is null the key is left out of the JSON, as in real payloads of unanswered
 * inbound calls, unless {@code nullUserRendered} asks for an explicit {@code "user": null}.
 */
public record SimulatedCall(
        long id,
        String sid,
        Direction direction,
        long startedAt,
        Long answeredAt,
        Long endedAt,
        MissedCallReason missedCallReason,
        String rawDigits,
        SimulatedUser user,
        boolean nullUserRendered,
        SimulatedNumber number,
        SimulatedUser assignedTo,
        SimulatedUser transferredBy,
        SimulatedUser transferredTo,
        List<SimulatedTeam> teams,
        Long recordingAvailableAt,
        Long voicemailAvailableAt,
        List<SimulatedComment> comments,
        List<SimulatedTag> tags,
        boolean archived,
        String cost,
        String scenario) {

    public SimulatedCall {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(rawDigits, "rawDigits");
        Objects.requireNonNull(number, "number");
        teams = List.copyOf(teams);
        comments = List.copyOf(comments);
        tags = List.copyOf(tags);
        if (answeredAt != null && answeredAt < startedAt) {
            throw new IllegalArgumentException("answered_at before started_at on call " + id);
        }
        if (endedAt != null && endedAt < startedAt) {
            throw new IllegalArgumentException("ended_at before started_at on call " + id);
        }
        if (endedAt != null && answeredAt != null && endedAt < answeredAt) {
            throw new IllegalArgumentException("ended_at before answered_at on call " + id);
        }
    }

    public CallStatus status() {
        if (endedAt != null) {
            return CallStatus.DONE;
        }
        return answeredAt != null ? CallStatus.ANSWERED : CallStatus.INITIAL;
    }

    /** Includes ringing and IVR time, as Aircall's does; 0 while the call is in progress. */
    public long duration() {
        return endedAt == null ? 0 : endedAt - startedAt;
    }

    public boolean recordingAvailable(long nowEpochSecond) {
        return recordingAvailableAt != null && nowEpochSecond >= recordingAvailableAt;
    }

    public boolean voicemailAvailable(long nowEpochSecond) {
        return voicemailAvailableAt != null && nowEpochSecond >= voicemailAvailableAt;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.sid = sid;
        b.direction = direction;
        b.startedAt = startedAt;
        b.answeredAt = answeredAt;
        b.endedAt = endedAt;
        b.missedCallReason = missedCallReason;
        b.rawDigits = rawDigits;
        b.user = user;
        b.nullUserRendered = nullUserRendered;
        b.number = number;
        b.assignedTo = assignedTo;
        b.transferredBy = transferredBy;
        b.transferredTo = transferredTo;
        b.teams = teams;
        b.recordingAvailableAt = recordingAvailableAt;
        b.voicemailAvailableAt = voicemailAvailableAt;
        b.comments = comments;
        b.tags = tags;
        b.archived = archived;
        b.cost = cost;
        b.scenario = scenario;
        return b;
    }

    /** Builds calls; {@code sid} defaults from the id and {@code raw_digits} to an anonymous caller. */
    public static final class Builder {
        private long id;
        private String sid;
        private Direction direction = Direction.OUTBOUND;
        private long startedAt;
        private Long answeredAt;
        private Long endedAt;
        private MissedCallReason missedCallReason;
        private String rawDigits = "anonymous";
        private SimulatedUser user;
        private boolean nullUserRendered;
        private SimulatedNumber number;
        private SimulatedUser assignedTo;
        private SimulatedUser transferredBy;
        private SimulatedUser transferredTo;
        private List<SimulatedTeam> teams = List.of();
        private Long recordingAvailableAt;
        private Long voicemailAvailableAt;
        private List<SimulatedComment> comments = List.of();
        private List<SimulatedTag> tags = List.of();
        private boolean archived;
        private String cost = "0.00";
        private String scenario;

        private Builder() {
        }

        public Builder id(long id) { this.id = id; return this; }
        public Builder sid(String sid) { this.sid = sid; return this; }
        public Builder direction(Direction direction) { this.direction = direction; return this; }
        public Builder startedAt(long startedAt) { this.startedAt = startedAt; return this; }
        public Builder answeredAt(Long answeredAt) { this.answeredAt = answeredAt; return this; }
        public Builder endedAt(Long endedAt) { this.endedAt = endedAt; return this; }
        public Builder missedCallReason(MissedCallReason reason) { this.missedCallReason = reason; return this; }
        public Builder rawDigits(String rawDigits) { this.rawDigits = rawDigits; return this; }
        public Builder user(SimulatedUser user) { this.user = user; return this; }
        public Builder nullUserRendered(boolean rendered) { this.nullUserRendered = rendered; return this; }
        public Builder number(SimulatedNumber number) { this.number = number; return this; }
        public Builder assignedTo(SimulatedUser user) { this.assignedTo = user; return this; }
        public Builder transferredBy(SimulatedUser user) { this.transferredBy = user; return this; }
        public Builder transferredTo(SimulatedUser user) { this.transferredTo = user; return this; }
        public Builder teams(List<SimulatedTeam> teams) { this.teams = teams; return this; }
        public Builder recordingAvailableAt(Long epochSecond) { this.recordingAvailableAt = epochSecond; return this; }
        public Builder voicemailAvailableAt(Long epochSecond) { this.voicemailAvailableAt = epochSecond; return this; }
        public Builder comments(List<SimulatedComment> comments) { this.comments = comments; return this; }
        public Builder tags(List<SimulatedTag> tags) { this.tags = tags; return this; }
        public Builder archived(boolean archived) { this.archived = archived; return this; }
        public Builder cost(String cost) { this.cost = cost; return this; }
        public Builder scenario(String scenario) { this.scenario = scenario; return this; }

        public SimulatedCall build() {
            String effectiveSid = sid != null ? sid : String.format("CA%032x", id);
            return new SimulatedCall(id, effectiveSid, direction, startedAt, answeredAt, endedAt, missedCallReason,
                    rawDigits, user, nullUserRendered, number, assignedTo, transferredBy, transferredTo, teams,
                    recordingAvailableAt, voicemailAvailableAt, comments, tags, archived, cost, scenario);
        }
    }
}
