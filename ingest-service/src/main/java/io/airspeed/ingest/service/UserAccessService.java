package io.airspeed.ingest.service;

import io.airspeed.ingest.domain.UserRole;
import io.airspeed.ingest.repository.RosterChangeRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which users' tokens this replica refuses on {@code /api/**}: an in-memory view of the restricted
 * users (deactivated, or known as MEMBER, which refuses a token still claiming admin), so the check
 * costs no database round trip. Updated at once when this replica receives a change, and reloaded
 * from {@code user_access} every {@code ingest.access.refresh-interval}, so the other replicas catch
 * up within that interval. A user with no known state is allowed: the feed only ever restricts.
 */
@ApplicationScoped
public class UserAccessService {

    private static final Logger LOG = Logger.getLogger(UserAccessService.class);

    /**
     * Each reload re-reads this far before the previous one: a row stamped just before the last
     * reload but committed just after it is not missed.
     */
    static final Duration RELOAD_OVERLAP = Duration.ofMinutes(1);

    public enum Refusal {
        DEACTIVATED,
        NO_LONGER_ADMIN
    }

    private record Known(UUID orgId, boolean active, UserRole role) {
    }

    private final Map<UUID, Known> restricted = new ConcurrentHashMap<>();
    private final RosterChangeRepository repository;
    private final VertxContexts contexts;
    private volatile Instant loadedUntil;

    UserAccessService(RosterChangeRepository repository, VertxContexts contexts) {
        this.repository = repository;
        this.contexts = contexts;
    }

    /** Why this user's token is refused now, if it is. */
    public Optional<Refusal> refusal(UUID orgId, UUID userId, boolean claimsAdmin) {
        Known known = userId == null ? null : restricted.get(userId);
        if (known == null || !known.orgId().equals(orgId)) {
            return Optional.empty();
        }
        if (!known.active()) {
            return Optional.of(Refusal.DEACTIVATED);
        }
        if (claimsAdmin && known.role() == UserRole.MEMBER) {
            return Optional.of(Refusal.NO_LONGER_ADMIN);
        }
        return Optional.empty();
    }

    void loadAtStart(@Observes StartupEvent start) {
        contexts.onFreshContext(this::reload).subscribe().with(ignored -> { },
                failure -> LOG.warn("Loading user access state failed; the next refresh tries again", failure));
    }

    @Scheduled(identity = "user-access-refresh", every = "${ingest.access.refresh-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return contexts.onFreshContext(this::reload)
                .onFailure().invoke(failure -> LOG.warn("Refreshing user access state failed", failure))
                .onFailure().recoverWithNull();
    }

    /** Everything changed since the last reload (all rows the first time). */
    Uni<Void> reload() {
        Instant since = loadedUntil;
        return Panache.withSession(() -> repository.databaseNow()
                .chain(now -> repository.accessChangedSince(since == null ? null : since.minus(RELOAD_OVERLAP))
                        .invoke(rows -> {
                            apply(rows);
                            loadedUntil = now;
                        })))
                .replaceWithVoid();
    }

    /** Right after this replica stored changes: their users' state as it now stands in the database. */
    Uni<Void> reloadUsers(UUID orgId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> repository.accessOf(orgId, userIds)).invoke(this::apply).replaceWithVoid();
    }

    private void apply(List<Object[]> rows) {
        for (Object[] row : rows) {
            UUID orgId = (UUID) row[0];
            UUID userId = (UUID) row[1];
            boolean active = (Boolean) row[2];
            UserRole role = UserRole.valueOf((String) row[3]);
            if (!active || role == UserRole.MEMBER) {
                restricted.put(userId, new Known(orgId, active, role));
            } else {
                restricted.remove(userId);
            }
        }
    }
}
