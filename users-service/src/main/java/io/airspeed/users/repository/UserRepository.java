package io.airspeed.users.repository;

import io.airspeed.users.domain.Role;
import io.airspeed.users.domain.User;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /** Scoped to the org, so another org's id is simply not found. */
    public Uni<User> findInOrg(UUID orgId, UUID userId) {
        return find("orgId = ?1 and id = ?2", orgId, userId).firstResult();
    }

    public Uni<User> findByNormalizedEmail(UUID orgId, String emailNormalized) {
        return find("orgId = ?1 and emailNormalized = ?2", orgId, emailNormalized).firstResult();
    }

    public Uni<List<User>> page(UUID orgId, int page, int size) {
        return find("orgId", Sort.by("createdAt").and("id"), orgId).page(Page.of(page, size)).list();
    }

    public Uni<Long> countInOrg(UUID orgId) {
        return count("orgId", orgId);
    }

    /** Rows of {org id, user id, active, role} of every user whose tokens are restricted: inactive or not an admin. */
    public Uni<List<Object[]>> restricted() {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select u.orgId, u.id, u.active, u.role from User u where u.active = false or u.role <> :admin",
                        Object[].class)
                .setParameter("admin", Role.ADMIN)
                .getResultList());
    }

    public Uni<Long> countActiveAdmins(UUID orgId) {
        return count("orgId = ?1 and active = true and role = ?2", orgId, Role.ADMIN);
    }
}
