package io.airspeed.users.service;

import io.airspeed.users.domain.Emails;
import io.airspeed.users.domain.IdentityKind;
import io.airspeed.users.repository.AircallIdentityRepository;
import io.airspeed.users.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * An email identifies at most one user of an org, whether it is someone's primary email or an
 * alias; otherwise ingestion could not tell whose call it is. Callers hold the org lock.
 */
@ApplicationScoped
public class EmailClaims {

    private final UserRepository users;
    private final AircallIdentityRepository identities;

    EmailClaims(UserRepository users, AircallIdentityRepository identities) {
        this.users = users;
        this.identities = identities;
    }

    /** Fails with a conflict when the email belongs to a user other than {@code claimant}. */
    public Uni<Void> requireFree(UUID orgId, String email, UUID claimant) {
        String normalized = Emails.normalize(email);
        return users.findByNormalizedEmail(orgId, normalized)
                .invoke(owner -> {
                    if (owner != null && !owner.id.equals(claimant)) {
                        throw new ConflictException("The email " + normalized + " is already the email of user "
                                + owner.id + (owner.active ? "" : " (deactivated: reactivate that user instead)"));
                    }
                })
                .chain(() -> identities.findByValue(orgId, IdentityKind.EMAIL, normalized))
                .invoke(alias -> {
                    if (alias != null && !alias.userId.equals(claimant)) {
                        throw new ConflictException("The email " + normalized
                                + " is already linked to user " + alias.userId + " as an Aircall identity");
                    }
                })
                .replaceWithVoid();
    }
}
