package io.airspeed.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * One change of users-service's roster, as received: the user's state after it, and the emails and
 * Aircall user ids it touches (before and after), which find the decisions it can alter.
 */
@Entity
@Table(name = "roster_changes")
public class RosterChange {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public long sequence;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RosterChangeKind kind;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "user_active", nullable = false)
    public boolean userActive;

    @Enumerated(EnumType.STRING)
    @Column(name = "user_role", nullable = false)
    public UserRole userRole;

    @Column(name = "user_seat", nullable = false)
    public String userSeat;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] emails;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "aircall_user_ids", nullable = false, columnDefinition = "bigint[]")
    public Long[] aircallUserIds;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "replay_needed", nullable = false)
    public boolean replayNeeded;

    @Column(name = "replayed_at")
    public Instant replayedAt;
}
