package io.airspeed.visibility.repository;

import io.airspeed.visibility.domain.VisibilityChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class VisibilityChangeRepository implements PanacheRepositoryBase<VisibilityChange, UUID> {

    /** Oldest first. */
    public Uni<List<VisibilityChange>> ofCall(UUID callId) {
        return list("callId", Sort.by("changedAt").and("id"), callId);
    }
}
