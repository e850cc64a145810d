package io.airspeed.visibility.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * An imported Aircall call as Airspeed users see it. The Aircall facts are refreshed on every
 * re-delivery; {@link #visibility} is set once at import (from the org's default) and afterwards
 * only by a person.
 */
@Entity
@Table(name = "calls")
public class Call {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false, updatable = false)
    public UUID orgId;

    @Column(name = "aircall_call_id", nullable = false, updatable = false)
    public long aircallCallId;

    @Column(name = "owner_user_id", nullable = false)
    public UUID ownerUserId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "duration_seconds", nullable = false)
    public int durationSeconds;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CallDirection direction;

    @Column(name = "external_number")
    public String externalNumber;

    @Column(name = "aircall_link")
    public String aircallLink;

    @Column(name = "aircall_asset")
    public String aircallAsset;

    @Column(name = "recording_reference")
    public String recordingReference;

    @Column(name = "imported_at", nullable = false, updatable = false)
    public Instant importedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The highest delivery version applied: an older delivery arriving late changes nothing. */
    @Column(name = "delivery_version", nullable = false)
    public long deliveryVersion;

    @Version
    public long version;

    public static Call imported(UUID orgId, long aircallCallId, long deliveryVersion, CallFacts facts,
                                Visibility visibility, Instant now) {
        Call call = new Call();
        call.deliveryVersion = deliveryVersion;
        call.id = UUID.randomUUID();
        call.orgId = orgId;
        call.aircallCallId = aircallCallId;
        call.visibility = visibility;
        call.importedAt = now;
        call.refresh(facts, now);
        return call;
    }

    /** Whether a delivery of this version carries news: deliveries may arrive out of order. */
    public boolean isNewerDelivery(long version) {
        return version > deliveryVersion;
    }

    /**
     * Takes Aircall's current facts; never touches the visibility a person chose.
     *
     * @return whether anything changed
     */
    public boolean refresh(CallFacts facts, Instant now) {
        if (facts.sameAs(this)) {
            return false;
        }
        ownerUserId = facts.ownerUserId();
        startedAt = facts.startedAt();
        endedAt = facts.endedAt();
        durationSeconds = facts.durationSeconds();
        direction = facts.direction();
        externalNumber = facts.externalNumber();
        aircallLink = facts.aircallLink();
        aircallAsset = facts.aircallAsset();
        recordingReference = facts.recordingReference();
        updatedAt = now;
        return true;
    }

    /** Rule 5: never across orgs; admins see all, members public calls and private calls they take part in. */
    public boolean visibleTo(Viewer viewer, boolean participant) {
        return orgId.equals(viewer.orgId()) && (viewer.admin() || visibility == Visibility.PUBLIC || participant);
    }

    /** Participants may set their own call private or public; admins any call of their org. */
    public boolean changeableBy(Viewer viewer, boolean participant) {
        return orgId.equals(viewer.orgId()) && (viewer.admin() || participant);
    }
}
