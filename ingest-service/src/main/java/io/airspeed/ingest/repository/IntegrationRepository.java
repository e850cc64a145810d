package io.airspeed.ingest.repository;

import io.airspeed.ingest.domain.Integration;
import io.airspeed.ingest.domain.IntegrationStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class IntegrationRepository implements PanacheRepositoryBase<Integration, UUID> {

    public Uni<List<UUID>> connectedOrgIds() {
        return find("status", IntegrationStatus.CONNECTED).project(OrgIdOnly.class).list()
                .map(rows -> rows.stream().map(OrgIdOnly::orgId).toList());
    }

    public record OrgIdOnly(UUID orgId) {
    }
}
