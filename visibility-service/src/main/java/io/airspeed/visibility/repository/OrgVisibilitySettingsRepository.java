package io.airspeed.visibility.repository;

import io.airspeed.visibility.domain.OrgVisibilitySettings;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class OrgVisibilitySettingsRepository implements PanacheRepositoryBase<OrgVisibilitySettings, UUID> {

    /** The org's settings, or the defaults when it never changed them (not persisted). */
    public Uni<OrgVisibilitySettings> ofOrg(UUID orgId) {
        return findById(orgId).map(found -> found == null ? OrgVisibilitySettings.defaults(orgId) : found);
    }

    /** Serialises changes of one org's settings until the transaction ends (the row may not exist yet). */
    public Uni<Void> lock(UUID orgId) {
        return getSession().flatMap(session -> AdvisoryLocks.lock(session, "visibility.settings:" + orgId));
    }
}
