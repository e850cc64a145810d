package io.airspeed.visibility.service;

import io.airspeed.visibility.domain.OrgVisibilitySettings;
import io.airspeed.visibility.domain.Visibility;
import io.airspeed.visibility.repository.OrgVisibilitySettingsRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The org's default visibility: applies to calls imported after it changes, never to earlier ones. */
@ApplicationScoped
public class VisibilitySettingsService {

    private final OrgVisibilitySettingsRepository settings;
    private final Clock clock;

    VisibilitySettingsService(OrgVisibilitySettingsRepository settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @WithSession
    public Uni<OrgVisibilitySettings> get(UUID orgId) {
        return settings.ofOrg(orgId);
    }

    @WithTransaction
    public Uni<OrgVisibilitySettings> changeDefault(UUID orgId, UUID changedBy, Visibility defaultVisibility) {
        Objects.requireNonNull(defaultVisibility, "defaultVisibility");
        Instant now = clock.instant();
        return settings.lock(orgId)
                .chain(() -> settings.findById(orgId))
                .chain(found -> {
                    OrgVisibilitySettings current = found == null ? OrgVisibilitySettings.defaults(orgId) : found;
                    current.defaultVisibility = defaultVisibility;
                    current.updatedAt = now;
                    current.updatedBy = changedBy;
                    return found == null ? settings.persist(current) : Uni.createFrom().item(current);
                });
    }
}
