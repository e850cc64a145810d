package io.airspeed.users.service;

import io.airspeed.users.domain.Role;
import io.airspeed.users.domain.User;
import io.airspeed.users.repository.OrgRepository;
import io.airspeed.users.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UserService {

    private final OrgRepository orgs;
    private final UserRepository users;
    private final EmailClaims emailClaims;
    private final Clock clock;

    UserService(OrgRepository orgs, UserRepository users, EmailClaims emailClaims, Clock clock) {
        this.orgs = orgs;
        this.users = users;
        this.emailClaims = emailClaims;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<User> create(UUID orgId, NewUser request) {
        return lockOrg(orgId)
                .chain(() -> emailClaims.requireFree(orgId, request.email(), null))
                .chain(() -> users.persist(User.create(orgId, request.email(), request.name(), request.role(),
                        request.seat(), clock.instant())));
    }

    @WithSession
    public Uni<User> get(UUID orgId, UUID userId) {
        return users.findInOrg(orgId, userId)
                .onItem().ifNull().failWith(() -> new NotFoundException("No user " + userId + " in your org"));
    }

    @WithSession
    public Uni<PageOf<User>> list(UUID orgId, int page, int size) {
        return users.page(orgId, page, size)
                .flatMap(items -> users.countInOrg(orgId).map(total -> new PageOf<>(items, page, size, total)));
    }

    @WithTransaction
    public Uni<User> change(UUID orgId, UUID userId, UserChanges changes) {
        return lockOrg(orgId)
                .chain(() -> get(orgId, userId))
                .call(user -> changes.email() == null ? Uni.createFrom().voidItem()
                        : emailClaims.requireFree(orgId, changes.email(), user.id))
                .call(user -> keepsAnActiveAdmin(user, changes.role(), changes.active()))
                .invoke(user -> apply(user, changes, clock.instant()));
    }

    /** Soft delete: the user stays for the history of their calls but is no longer active. */
    @WithTransaction
    public Uni<User> deactivate(UUID orgId, UUID userId) {
        return change(orgId, userId, new UserChanges(null, null, null, null, false));
    }

    private static void apply(User user, UserChanges changes, Instant now) {
        if (changes.email() != null) {
            user.changeEmail(changes.email());
        }
        if (changes.name() != null) {
            user.name = changes.name().trim();
        }
        if (changes.role() != null) {
            user.role = changes.role();
        }
        if (changes.seat() != null) {
            user.seat = changes.seat();
        }
        if (Boolean.FALSE.equals(changes.active())) {
            user.deactivate(now);
        } else if (Boolean.TRUE.equals(changes.active())) {
            user.reactivate();
        }
        user.updatedAt = now;
    }

    /** An org must never lose its last active admin: nobody could manage it any more. */
    private Uni<Void> keepsAnActiveAdmin(User user, Role newRole, Boolean newActive) {
        boolean losesAdmin = user.isActiveAdmin()
                && ((newRole != null && newRole != Role.ADMIN) || Boolean.FALSE.equals(newActive));
        if (!losesAdmin) {
            return Uni.createFrom().voidItem();
        }
        return users.countActiveAdmins(user.orgId).invoke(admins -> {
            if (admins <= 1) {
                throw new ConflictException("User " + user.id + " is the org's last active admin; make another user admin first");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> lockOrg(UUID orgId) {
        return orgs.lock(orgId)
                .onItem().ifNull().failWith(() -> new NotFoundException("Unknown org " + orgId))
                .replaceWithVoid();
    }

    public record PageOf<T>(List<T> items, int page, int size, long totalItems) {
    }
}
