package io.airspeed.users.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "users")
public class User {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false, updatable = false)
    public UUID orgId;

    /** As entered; compare {@link #emailNormalized}. */
    @Column(nullable = false)
    public String email;

    @Column(name = "email_normalized", nullable = false)
    public String emailNormalized;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Seat seat;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deactivated_at")
    public Instant deactivatedAt;

    @Version
    public long version;

    public static User create(UUID orgId, String email, String name, Role role, Seat seat, Instant now) {
        User user = new User();
        user.id = UUID.randomUUID();
        user.orgId = orgId;
        user.changeEmail(email);
        user.name = name.trim();
        user.role = role;
        user.seat = seat;
        user.active = true;
        user.createdAt = now;
        user.updatedAt = now;
        return user;
    }

    public void changeEmail(String newEmail) {
        email = newEmail.trim();
        emailNormalized = Emails.normalize(newEmail);
    }

    public void deactivate(Instant now) {
        if (active) {
            active = false;
            deactivatedAt = now;
        }
    }

    public void reactivate() {
        active = true;
        deactivatedAt = null;
    }

    public boolean isActiveAdmin() {
        return active && role == Role.ADMIN;
    }
}
