package io.airspeed.users.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "orgs")
public class Org {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Org create(String name, Instant now) {
        Org org = new Org();
        org.id = UUID.randomUUID();
        org.name = name.trim();
        org.createdAt = now;
        return org;
    }
}
