package io.airspeed.users.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An extra email or an Aircall user id that identifies the user in Aircall (product rule 1). */
@Entity
@Table(name = "aircall_identities")
public class AircallIdentity {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false, updatable = false)
    public UUID orgId;

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public IdentityKind kind;

    @Column(nullable = false, updatable = false)
    public String value;

    @Column(name = "value_normalized", nullable = false, updatable = false)
    public String valueNormalized;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public static AircallIdentity create(User user, IdentityKind kind, String value, Instant now) {
        AircallIdentity identity = new AircallIdentity();
        identity.id = UUID.randomUUID();
        identity.orgId = user.orgId;
        identity.userId = user.id;
        identity.kind = kind;
        identity.value = value.trim();
        identity.valueNormalized = normalize(kind, value);
        identity.createdAt = now;
        return identity;
    }

    /** Emails compare trimmed and lower-cased; Aircall user ids as numbers ("0042" is 42). */
    public static String normalize(IdentityKind kind, String value) {
        return switch (kind) {
            case EMAIL -> Emails.normalize(value);
            case AIRCALL_USER_ID -> Long.toString(Long.parseLong(value.trim()));
        };
    }
}
