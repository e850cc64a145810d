package io.airspeed.users.service;

import io.airspeed.users.domain.Role;
import io.airspeed.users.repository.UserRepository;
import io.airspeed.users.security.AccessView;
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
 * Reloads this replica's {@link AccessView} from the users table, at start and then every
 * {@code users.access.refresh-interval}: how a deactivation made on another replica reaches this one.
 */
@ApplicationScoped
public class AccessRefresh {

    private static final Logger LOG = Logger.getLogger(AccessRefresh.class);

    private final UserRepository users;
    private final AccessView view;
    private final VertxContexts contexts;

    AccessRefresh(UserRepository users, AccessView view, VertxContexts contexts) {
        this.users = users;
        this.view = view;
        this.contexts = contexts;
    }

    @Scheduled(identity = "access-refresh", every = "${users.access.refresh-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return contexts.onFreshContext(this::reload)
                .onFailure().invoke(e -> LOG.warn("Reloading the access view failed; the previous view stays", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    public Uni<Void> reload() {
        long begunAt = view.beginReload();
        return Panache.withSession(users::restricted).invoke(rows -> view.completeReload(begunAt, toView(rows))).replaceWithVoid();
    }

    private static Map<AccessView.Key, AccessView.Restriction> toView(List<Object[]> rows) {
        Map<AccessView.Key, AccessView.Restriction> read = new HashMap<>();
        for (Object[] row : rows) {
            AccessView.Restriction restriction = AccessView.restrictionOf((Boolean) row[2], row[3] == Role.ADMIN);
            if (restriction != null) {
                read.put(new AccessView.Key((UUID) row[0], (UUID) row[1]), restriction);
            }
        }
        return read;
    }
}
