package io.airspeed.ingest.repository;

import io.airspeed.ingest.domain.ConnectionWindow;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ConnectionWindowRepository implements PanacheRepositoryBase<ConnectionWindow, UUID> {

    public Uni<List<ConnectionWindow>> ofOrg(UUID orgId) {
        return list("orgId = ?1 order by openedAt", orgId);
    }

    /** The org's most recent window, open or closed (null before the first connection). */
    public Uni<ConnectionWindow> latestOf(UUID orgId) {
        return find("orgId = ?1 order by openedAt desc, id desc", orgId).firstResult();
    }

    public Uni<ConnectionWindow> openOf(UUID orgId) {
        return find("orgId = ?1 and closedAt is null", orgId).firstResult();
    }
}
