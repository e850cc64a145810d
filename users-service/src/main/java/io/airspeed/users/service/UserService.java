package io.airspeed.users.service;

import io.airspeed.users.domain.AircallIdentity;
import io.airspeed.users.domain.IdentityKind;
import io.airspeed.users.domain.Role;
import io.airspeed.users.domain.RosterChangeKind;
import io.airspeed.users.domain.Seat;
import io.airspeed.users.domain.User;
import io.airspeed.users.repository.AircallIdentityRepository;
import io.airspeed.users.repository.OrgRepository;
import io.airspeed.users.repository.UserRepository;
import io.airspeed.users.security.AccessView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UserService {

    private final OrgRepository orgs;
    private final UserRepository users;
    private final AircallIdentityRepository identities;
    private final EmailClaims emailClaims;
    private final RosterChangeRecorder rosterChanges;
    private final AccessView access;
    private final Clock clock;

    UserService(OrgRepository orgs, UserRepository users, AircallIdentityRepository identities, EmailClaims emailClaims,
                RosterChangeRecorder rosterChanges, AccessView access, Clock clock) {
        this.orgs = orgs;
        this.users = users;
        this.identities = identities;
        this.emailClaims = emailClaims;
        this.rosterChanges = rosterChanges;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Writes in a transaction of their own, then tells this replica's access view at once, after the
     * commit: a request that follows on this replica already sees the change, and a change rolled
     * back never reaches the view.
     */
    public Uni<User> create(UUID orgId, NewUser request) {
        return Panache.withTransaction(() -> lockOrg(orgId)
                        .chain(() -> emailClaims.requireFree(orgId, request.email(), null))
                        .chain(() -> users.persist(User.create(orgId, request.email(), request.name(), request.role(),
                                request.seat(), clock.instant())))
                        .call(user -> rosterChanges.record(user, List.of(RosterChangeKind.USER_CREATED),
                                List.of(user.emailNormalized), List.of())))
                .invoke(this::tellAccessView);
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

    /** Like {@link #create}: its own transaction, then this replica's access view. */
    public Uni<User> change(UUID orgId, UUID userId, UserChanges changes) {
        return Panache.withTransaction(() -> lockOrg(orgId)
                        .chain(() -> get(orgId, userId))
                        .call(user -> changes.email() == null ? Uni.createFrom().voidItem()
                                : emailClaims.requireFree(orgId, changes.email(), user.id))
                        .call(user -> keepsAnActiveAdmin(user, changes.role(), changes.active()))
                        .call(user -> identities.ofUsers(List.of(user.id)).chain(linked -> applyAndRecord(user, changes, linked))))
                .invoke(this::tellAccessView);
    }

    /** Soft delete: the user stays for the history of their calls but is no longer active. */
    public Uni<User> deactivate(UUID orgId, UUID userId) {
        return change(orgId, userId, new UserChanges(null, null, null, null, false));
    }

    /** One roster change per attribute that really changed; a name, or an email's case, is none. */
    private Uni<Void> applyAndRecord(User user, UserChanges changes, List<AircallIdentity> linked) {
        String emailBefore = user.emailNormalized;
        Role roleBefore = user.role;
        Seat seatBefore = user.seat;
        boolean activeBefore = user.active;
        apply(user, changes, clock.instant());
        List<RosterChangeKind> kinds = new ArrayList<>();
        if (!emailBefore.equals(user.emailNormalized)) {
            kinds.add(RosterChangeKind.EMAIL_CHANGED);
        }
        if (roleBefore != user.role) {
            kinds.add(RosterChangeKind.ROLE_CHANGED);
        }
        if (seatBefore != user.seat) {
            kinds.add(RosterChangeKind.SEAT_CHANGED);
        }
        if (activeBefore != user.active) {
            kinds.add(RosterChangeKind.ACTIVE_CHANGED);
        }
        List<String> emails = new ArrayList<>(List.of(emailBefore, user.emailNormalized));
        List<Long> aircallUserIds = new ArrayList<>();
        for (AircallIdentity identity : linked) {
            if (identity.kind == IdentityKind.EMAIL) {
                emails.add(identity.valueNormalized);
            } else {
                aircallUserIds.add(Long.parseLong(identity.valueNormalized));
            }
        }
        return rosterChanges.record(user, kinds, emails, aircallUserIds);
    }

    private void tellAccessView(User user) {
        access.apply(user.orgId, user.id, user.active, user.role == Role.ADMIN);
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
