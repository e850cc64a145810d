package io.airspeed.visibility.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An Airspeed user on a call (the owner, and transfer parties that map to Airspeed users).
 * {@code org_id} and {@code started_at} are copies of the call's, kept in step by the import, so
 * that "the calls I take part in, newest first" is one index range scan (see README).
 */
@Entity
@Table(name = "call_participants")
@IdClass(CallParticipant.Key.class)
public class CallParticipant {

    @Id
    @Column(name = "call_id", nullable = false, updatable = false)
    public UUID callId;

    @Id
    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(name = "org_id", nullable = false, updatable = false)
    public UUID orgId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    public static CallParticipant of(Call call, UUID userId) {
        CallParticipant participant = new CallParticipant();
        participant.callId = call.id;
        participant.userId = userId;
        participant.orgId = call.orgId;
        participant.startedAt = call.startedAt;
        return participant;
    }

    public static class Key implements Serializable {

        public UUID callId;
        public UUID userId;

        public Key() {
        }

        public Key(UUID callId, UUID userId) {
            this.callId = callId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(callId, key.callId) && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(callId, userId);
        }
    }
}
