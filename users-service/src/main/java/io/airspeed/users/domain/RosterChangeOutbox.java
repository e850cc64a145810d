package io.airspeed.users.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One roster change for one destination: written in the transaction of the change, then sent by
 * the delivery job. The change itself (id, sequence, kind, user state, what it touches) is the same
 * in the row of each destination; the delivery state is per destination.
 */
@Entity
@Table(name = "roster_change_outbox")
public class RosterChangeOutbox {

    @Id
    public UUID id;

    @Column(name = "change_id", nullable = false, updatable = false)
    public UUID changeId;

    @Column(name = "org_id", nullable = false, updatable = false)
    public UUID orgId;

    @Column(nullable = false, updatable = false)
    public long sequence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public RosterDestination destination;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public RosterChangeKind kind;

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(name = "user_active", nullable = false, updatable = false)
    public boolean userActive;

    @Enumerated(EnumType.STRING)
    @Column(name = "user_role", nullable = false, updatable = false)
    public Role userRole;

    @Enumerated(EnumType.STRING)
    @Column(name = "user_seat", nullable = false, updatable = false)
    public Seat userSeat;

    @Column(nullable = false, updatable = false)
    public String[] emails;

    @Column(name = "aircall_user_ids", nullable = false, updatable = false)
    public Long[] aircallUserIds;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "claimed_by")
    public UUID claimedBy;

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_public_error")
    public String lastPublicError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** The row of one destination; the caller gives every destination's row the same change id and sequence. */
    public static RosterChangeOutbox of(UUID changeId, long sequence, RosterDestination destination, RosterChangeKind kind,
                                        User user, List<String> emails, List<Long> aircallUserIds, Instant now) {
        RosterChangeOutbox row = new RosterChangeOutbox();
        row.id = UUID.randomUUID();
        row.changeId = changeId;
        row.orgId = user.orgId;
        row.sequence = sequence;
        row.destination = destination;
        row.kind = kind;
        row.userId = user.id;
        row.occurredAt = now;
        row.userActive = user.active;
        row.userRole = user.role;
        row.userSeat = user.seat;
        row.emails = emails.toArray(String[]::new);
        row.aircallUserIds = aircallUserIds.toArray(Long[]::new);
        row.status = DeliveryStatus.PENDING;
        row.attempts = 0;
        row.nextAttemptAt = now;
        row.createdAt = now;
        return row;
    }
}
