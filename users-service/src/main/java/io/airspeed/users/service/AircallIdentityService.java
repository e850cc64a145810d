package io.airspeed.users.service;

import io.airspeed.users.domain.AircallIdentity;
import io.airspeed.users.domain.Emails;
import io.airspeed.users.domain.IdentityKind;
import io.airspeed.users.repository.AircallIdentityRepository;
import io.airspeed.users.repository.OrgRepository;
import io.airspeed.users.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AircallIdentityService {

    private final OrgRepository orgs;
    private final UserRepository users;
    private final AircallIdentityRepository identities;
    private final EmailClaims emailClaims;
    private final Clock clock;

    AircallIdentityService(OrgRepository orgs, UserRepository users, AircallIdentityRepository identities,
                           EmailClaims emailClaims, Clock clock) {
        this.orgs = orgs;
        this.users = users;
        this.identities = identities;
        this.emailClaims = emailClaims;
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
                .chain(user -> identities.persist(AircallIdentity.create(user, kind, value, clock.instant())));
    }

    @WithTransaction
    public Uni<Void> unlink(UUID orgId, UUID userId, UUID identityId) {
        return identities.deleteOfUser(orgId, userId, identityId)
                .invoke(deleted -> {
                    if (deleted == 0) {
                        throw new NotFoundException("No Aircall identity " + identityId + " on user " + userId);
                    }
                })
                .replaceWithVoid();
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
