package io.airspeed.visibility.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An org's visibility settings; an org without a row uses {@link #DEFAULT_VISIBILITY}. */
@Entity
@Table(name = "org_settings")
public class OrgVisibilitySettings {

    public static final Visibility DEFAULT_VISIBILITY = Visibility.PUBLIC;

    @Id
    @Column(name = "org_id")
    public UUID orgId;

    @Enumerated(EnumType.STRING)
    @Column(name = "default_visibility", nullable = false)
    public Visibility defaultVisibility;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public UUID updatedBy;

    /** What an org that never changed its settings has; not persisted. */
    public static OrgVisibilitySettings defaults(UUID orgId) {
        OrgVisibilitySettings settings = new OrgVisibilitySettings();
        settings.orgId = orgId;
        settings.defaultVisibility = DEFAULT_VISIBILITY;
        return settings;
    }
}
