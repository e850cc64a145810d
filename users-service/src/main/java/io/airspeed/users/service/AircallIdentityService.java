package io.airspeed.users.service;

import io.airspeed.users.domain.AircallIdentity;
import io.airspeed.users.domain.Emails;
import io.airspeed.users.domain.IdentityKind;
import io.airspeed.users.domain.RosterChangeKind;
import io.airspeed.users.domain.User;
import io.airspeed.users.repository.AircallIdentityRepository;
import io.airspeed.users.repository.OrgRepository;
import io.airspeed.users.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AircallIdentityService {

    private final OrgRepository orgs;
    private final UserRepository users;
    private final AircallIdentityRepository identities;
    private final EmailClaims emailClaims;
    private final RosterChangeRecorder rosterChanges;
    private final Clock clock;

    AircallIdentityService(OrgRepository orgs, UserRepository users, AircallIdentityRepository identities,
                           EmailClaims emailClaims, RosterChangeRecorder rosterChanges, Clock clock) {
        this.orgs = orgs;
        this.users = users;
        this.identities = identities;
        this.emailClaims = emailClaims;
        this.rosterChanges = rosterChanges;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<AircallIdentity> link(UUID orgId, UUID userId, IdentityKind kind, String value) {
        String normalized = validNormalized(kind, value);
        return orgs.lock(orgId)
                .chain(() -> users.findInOrg(orgId, userId))
                .onItem().ifNull().failWith(() -> new NotFoundException("No user " + userId + " in your org"))
                .call(user -> kind == IdentityKind.EMAIL
                        ? emailClaims.requireFree(orgId, value, null)
                        : requireFreeAircallUserId(orgId, normalized))
                .chain(user -> identities.ofUsers(List.of(user.id)).chain(before -> identities
                        .persist(AircallIdentity.create(user, kind, value, clock.instant()))
                        .call(added -> record(user, RosterChangeKind.IDENTITY_ADDED, before, added))));
    }

    /** Under the org lock like every roster write: concurrent unlinks of one identity answer 204 once, then 404. */
    @WithTransaction
    public Uni<Void> unlink(UUID orgId, UUID userId, UUID identityId) {
        return orgs.lock(orgId)
                .chain(() -> users.findInOrg(orgId, userId))
                .onItem().ifNull().failWith(() -> new NotFoundException("No Aircall identity " + identityId + " on user " + userId))
                .chain(user -> identities.ofUsers(List.of(user.id)).chain(before -> identities
                        .deleteOfUser(orgId, userId, identityId)
                        .invoke(deleted -> {
                            if (deleted == 0) {
                                throw new NotFoundException("No Aircall identity " + identityId + " on user " + userId);
                            }
                        })
                        .chain(() -> record(user, RosterChangeKind.IDENTITY_REMOVED, before, null))));
    }

    /** What an identity change touches: every email and Aircall user id linked before, plus the one added. */
    private Uni<Void> record(User user, RosterChangeKind kind, List<AircallIdentity> before, AircallIdentity added) {
        List<AircallIdentity> touched = new ArrayList<>(before);
        if (added != null) {
            touched.add(added);
        }
        List<String> emails = new ArrayList<>(List.of(user.emailNormalized));
        List<Long> aircallUserIds = new ArrayList<>();
        for (AircallIdentity identity : touched) {
            if (identity.kind == IdentityKind.EMAIL) {
                emails.add(identity.valueNormalized);
            } else {
                aircallUserIds.add(Long.parseLong(identity.valueNormalized));
            }
        }
        return rosterChanges.record(user, List.of(kind), emails, aircallUserIds);
    }

    @WithSession
    public Uni<List<AircallIdentity>> ofUsers(Collection<UUID> userIds) {
        return identities.ofUsers(userIds);
    }

    private Uni<Void> requireFreeAircallUserId(UUID orgId, String aircallUserId) {
        return identities.findByValue(orgId, IdentityKind.AIRCALL_USER_ID, aircallUserId)
                .invoke(existing -> {
                    if (existing != null) {
                        throw new ConflictException("Aircall user " + aircallUserId + " is already linked to user " + existing.userId);
                    }
                })
                .replaceWithVoid();
    }

    private static String validNormalized(IdentityKind kind, String value) {
        if (kind == IdentityKind.AIRCALL_USER_ID) {
            try {
                long id = Long.parseLong(value.trim());
                if (id <= 0) {
                    throw new InvalidFieldException("value", "an Aircall user id is a positive integer");
                }
            } catch (NumberFormatException e) {
                throw new InvalidFieldException("value", "an Aircall user id is a positive integer");
            }
        } else if (!Emails.isValid(value)) {
            throw new InvalidFieldException("value", "must be an email address");
        }
        return AircallIdentity.normalize(kind, value);
    }
}
