package io.airspeed.visibility.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One change of a call's visibility by a person: who, when, from what, to what. Never updated. */
@Entity
@Table(name = "visibility_changes")
public class VisibilityChange {

    @Id
    public UUID id;

    @Column(name = "call_id", nullable = false, updatable = false)
    public UUID callId;

    @Column(name = "org_id", nullable = false, updatable = false)
    public UUID orgId;

    @Column(name = "changed_by", nullable = false, updatable = false)
    public UUID changedBy;

    @Column(name = "changed_by_admin", nullable = false, updatable = false)
    public boolean changedByAdmin;

    @Column(name = "changed_at", nullable = false, updatable = false)
    public Instant changedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_visibility", nullable = false, updatable = false)
    public Visibility fromVisibility;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_visibility", nullable = false, updatable = false)
    public Visibility toVisibility;

    public static VisibilityChange of(Call call, Viewer by, Visibility from, Visibility to, Instant now) {
        VisibilityChange change = new VisibilityChange();
        change.id = UUID.randomUUID();
        change.callId = call.id;
        change.orgId = call.orgId;
        change.changedBy = by.userId();
        change.changedByAdmin = by.admin();
        change.changedAt = now;
        change.fromVisibility = from;
        change.toVisibility = to;
        return change;
    }
}
