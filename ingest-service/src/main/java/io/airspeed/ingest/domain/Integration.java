package io.airspeed.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** An org's Aircall integration. The credentials are only ever held here encrypted. */
@Entity
@Table(name = "integrations")
public class Integration {

    @Id
    @Column(name = "org_id")
    public UUID orgId;

    @Column(name = "api_id_cipher")
    public byte[] apiIdCipher;

    @Column(name = "api_token_cipher")
    public byte[] apiTokenCipher;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IntegrationStatus status;

    @Column(name = "first_connected_at", nullable = false)
    public Instant firstConnectedAt;

    @Column(name = "connected_at")
    public Instant connectedAt;

    @Column(name = "disconnected_at")
    public Instant disconnectedAt;

    @Column(name = "broken_since")
    public Instant brokenSince;

    @Column(name = "broken_reason")
    public String brokenReason;

    /** Every call that started before this instant has been read at least once. */
    @Column(name = "scanned_until")
    public Instant scannedUntil;

    @Column(name = "last_successful_run_at")
    public Instant lastSuccessfulRunAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public void connected(byte[] apiIdCipher, byte[] apiTokenCipher, Instant now) {
        this.apiIdCipher = apiIdCipher;
        this.apiTokenCipher = apiTokenCipher;
        this.status = IntegrationStatus.CONNECTED;
        if (firstConnectedAt == null) {
            firstConnectedAt = now;
        }
        connectedAt = now;
        disconnectedAt = null;
        brokenSince = null;
        brokenReason = null;
        updatedAt = now;
    }

    /** Forgets the credentials: a disconnected org's key must not linger. */
    public void disconnected(Instant now) {
        apiIdCipher = null;
        apiTokenCipher = null;
        status = IntegrationStatus.DISCONNECTED;
        disconnectedAt = now;
        updatedAt = now;
    }

    public void broken(String reason, Instant now) {
        if (status != IntegrationStatus.BROKEN) {
            brokenSince = now;
        }
        status = IntegrationStatus.BROKEN;
        brokenReason = reason;
        updatedAt = now;
    }
}
