package io.airspeed.users.repository;

import io.airspeed.users.domain.Org;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

@ApplicationScoped
public class OrgRepository implements PanacheRepositoryBase<Org, UUID> {

    /**
     * Locks the org row for the rest of the transaction: every write that claims an email or an
     * Aircall identity takes it first, so two concurrent requests cannot both claim the same one.
     */
    public Uni<Org> lock(UUID orgId) {
        return findById(orgId, LockModeType.PESSIMISTIC_WRITE);
    }
}
