package io.airspeed.visibility.service;

import io.airspeed.visibility.repository.UserAccessRepository;
import io.airspeed.visibility.security.AccessView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reloads this replica's {@link AccessView} from {@code user_access}, at start and then every
 * {@code visibility.access.refresh-interval}: how a change another replica received reaches this one.
 */
@ApplicationScoped
public class AccessRefresh {

    private static final Logger LOG = Logger.getLogger(AccessRefresh.class);

    private final UserAccessRepository access;
    private final AccessView view;
    private final VertxContexts contexts;

    AccessRefresh(UserAccessRepository access, AccessView view, VertxContexts contexts) {
        this.access = access;
        this.view = view;
        this.contexts = contexts;
    }

    @Scheduled(identity = "access-refresh", every = "${visibility.access.refresh-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return contexts.onFreshContext(this::reload)
                .onFailure().invoke(e -> LOG.warn("Reloading the access view failed; the previous view stays", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    public Uni<Void> reload() {
        long begunAt = view.beginReload();
        return Panache.withSession(access::restricted).invoke(rows -> view.completeReload(begunAt, toView(rows))).replaceWithVoid();
    }

    private static Map<AccessView.Key, AccessView.Restriction> toView(List<Object[]> rows) {
        Map<AccessView.Key, AccessView.Restriction> read = new HashMap<>();
        for (Object[] row : rows) {
            AccessView.Restriction restriction = AccessView.restrictionOf((Boolean) row[2], "ADMIN".equals(row[3]));
            if (restriction != null) {
                read.put(new AccessView.Key((UUID) row[0], (UUID) row[1]), restriction);
            }
        }
        return read;
    }
}
