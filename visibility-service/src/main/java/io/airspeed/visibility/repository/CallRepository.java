package io.airspeed.visibility.repository;

import io.airspeed.visibility.domain.Call;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class CallRepository implements PanacheRepositoryBase<Call, UUID> {

    /** Scoped to the org, so another org's call id is simply not found. */
    public Uni<Call> findInOrg(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResult();
    }

    /** As {@link #findInOrg}, with the row locked for the rest of the transaction. */
    public Uni<Call> lockInOrg(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Call> findByAircallId(UUID orgId, long aircallCallId) {
        return find("orgId = ?1 and aircallCallId = ?2", orgId, aircallCallId).firstResult();
    }

    public Uni<Call> lockByAircallId(UUID orgId, long aircallCallId) {
        return find("orgId = ?1 and aircallCallId = ?2", orgId, aircallCallId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The calls with these ids in this org (any order). */
    public Uni<List<Call>> findInOrg(UUID orgId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("orgId = ?1 and id in ?2", orgId, ids);
    }

    /**
     * Serialises imports of one Aircall call until the transaction ends, so two deliveries of a
     * new call at the same moment cannot both insert it (the second waits, then updates).
     */
    public Uni<Void> lockImport(UUID orgId, long aircallCallId) {
        return advisoryLock("visibility.call:" + orgId + ":" + aircallCallId);
    }

    /** The ids of one page of the calls a viewer may see, in list order. */
    public Uni<List<UUID>> pageIds(VisibleCallsQuery query) {
        return getSession().flatMap(session -> {
            var nativeQuery = session.createNativeQuery(query.pageSql(), UUID.class);
            bind(query.pageParameters(), nativeQuery::setParameter);
            return nativeQuery.getResultList();
        });
    }

    public Uni<Long> count(VisibleCallsQuery query) {
        return getSession().flatMap(session -> {
            var nativeQuery = session.createNativeQuery(query.countSql(), Long.class);
            bind(query.countParameters(), nativeQuery::setParameter);
            return nativeQuery.getSingleResult();
        });
    }

    private Uni<Void> advisoryLock(String key) {
        return getSession().flatMap(session -> AdvisoryLocks.lock(session, key));
    }

    private static void bind(Map<String, Object> parameters, ParameterSetter setter) {
        parameters.forEach(setter::set);
    }

    @FunctionalInterface
    private interface ParameterSetter {
        Object set(String name, Object value);
    }
}
