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

    public Uni<ConnectionWindow> openOf(UUID orgId) {
        return find("orgId = ?1 and closedAt is null", orgId).firstResult();
    }
}
