package io.airspeed.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A period the integration was connected; {@code closedAt} is null while it is open. */
@Entity
@Table(name = "connection_windows")
public class ConnectionWindow {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** Why it closed: DISCONNECTED, RECONNECTED (credentials replaced) or BROKEN. */
    @Column(name = "close_cause")
    public String closeCause;

    public static ConnectionWindow open(UUID orgId, Instant now) {
        ConnectionWindow window = new ConnectionWindow();
        window.id = UUID.randomUUID();
        window.orgId = orgId;
        window.openedAt = now;
        return window;
    }

    public void close(Instant now, String cause) {
        if (closedAt == null) {
            closedAt = now;
            closeCause = cause;
        }
    }
}
