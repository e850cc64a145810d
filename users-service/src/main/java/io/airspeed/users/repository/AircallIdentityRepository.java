package io.airspeed.users.repository;

import io.airspeed.users.domain.AircallIdentity;
import io.airspeed.users.domain.IdentityKind;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AircallIdentityRepository implements PanacheRepositoryBase<AircallIdentity, UUID> {

    public Uni<List<AircallIdentity>> ofUsers(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("userId in ?1 order by createdAt, id", userIds);
    }

    /**
     * Deletes by query, not by entity: two concurrent unlinks of one identity then both succeed
     * in SQL terms, one with a count of 0, instead of the loser failing Hibernate's row-count
     * check of an entity removal.
     */
    public Uni<Long> deleteOfUser(UUID orgId, UUID userId, UUID identityId) {
        return delete("orgId = ?1 and userId = ?2 and id = ?3", orgId, userId, identityId);
    }

    public Uni<AircallIdentity> findByValue(UUID orgId, IdentityKind kind, String valueNormalized) {
        return find("orgId = ?1 and kind = ?2 and valueNormalized = ?3", orgId, kind, valueNormalized).firstResult();
    }

    /**
     * The whole roster of an org in one round trip: every user with each of its identities
     * (a user without identity comes back once, with a null identity).
     */
    public Uni<List<Object[]>> usersWithIdentities(UUID orgId) {
        return getSession().flatMap(session -> session
                .createSelectionQuery(
                        "select u, i from User u left join AircallIdentity i on i.userId = u.id"
                                + " where u.orgId = :orgId order by u.createdAt, u.id, i.createdAt",
                        Object[].class)
                .setParameter("orgId", orgId)
                .getResultList());
    }
}
