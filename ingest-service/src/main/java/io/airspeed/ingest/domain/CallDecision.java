package io.airspeed.ingest.domain;

import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The current decision about one Aircall call of an org, with the Aircall facts it was based on,
 * and the outbox state of its delivery to visibility-service when it was imported.
 */
@Entity
@Table(name = "call_decisions")
@IdClass(CallDecisionId.class)
public class CallDecision {

    @Id
    @Column(name = "org_id")
    public UUID orgId;

    @Id
    @Column(name = "aircall_call_id")
    public long aircallCallId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Enumerated(EnumType.STRING)
    @Column(name = "primary_reason")
    public Reason primaryReason;

    /**
     * Every failing reason's code, in the article's order ({@code text[]}; the reason filter reads one
     * partial index per reason, V11).
     */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] reasons = new String[0];

    @Column(name = "aircall_status")
    public String aircallStatus;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "duration_seconds", nullable = false)
    public int durationSeconds;

    public String direction;

    @Column(name = "aircall_user_id")
    public Long aircallUserId;

    @Column(name = "aircall_user_email")
    public String aircallUserEmail;

    @Column(name = "aircall_user_email_normalized")
    public String aircallUserEmailNormalized;

    @Column(name = "recording_present", nullable = false)
    public boolean recordingPresent;

    @Column(name = "missed_call_reason")
    public String missedCallReason;

    @Column(name = "external_number")
    public String externalNumber;

    @Column(name = "aircall_link")
    public String aircallLink;

    @Column(name = "asset_link")
    public String assetLink;

    @Column(name = "owner_user_id")
    public UUID ownerUserId;

    /** The owner first, then the matched users it was transferred from or to ({@code uuid[]}, GIN-indexed). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "participant_user_ids", nullable = false, columnDefinition = "uuid[]")
    public UUID[] participantUserIds = new UUID[0];

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_status", nullable = false)
    public DeliveryStatus deliveryStatus;

    @Column(name = "delivery_attempts", nullable = false)
    public int deliveryAttempts;

    @Column(name = "next_delivery_at")
    public Instant nextDeliveryAt;

    @Column(name = "last_delivery_error")
    public String lastDeliveryError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** Grows whenever what visibility-service is told changes; it keeps the highest it applied. */
    @Column(name = "delivery_version", nullable = false)
    public long deliveryVersion;

    /** A replica is delivering this version until then; the others leave the row alone. */
    @Column(name = "delivery_claimed_until")
    public Instant deliveryClaimedUntil;

    /**
     * Queues a new version of this call for delivery. Not delivered before {@code notBefore}
     * (the run delivers it itself right after committing).
     */
    public void queueDelivery(Instant notBefore) {
        deliveryStatus = DeliveryStatus.PENDING;
        deliveryVersion++;
        nextDeliveryAt = notBefore;
        deliveryClaimedUntil = null;
    }

    public List<Reason> reasonList() {
        return Arrays.stream(reasons).map(Reason::valueOf).toList();
    }

    public void reasons(List<Reason> list) {
        reasons = list.stream().map(Enum::name).toArray(String[]::new);
    }

    public List<UUID> participantList() {
        return List.of(participantUserIds);
    }

    public void participants(List<UUID> ids) {
        participantUserIds = ids.toArray(UUID[]::new);
    }
}
