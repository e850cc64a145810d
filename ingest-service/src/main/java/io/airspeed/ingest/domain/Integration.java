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

    /**
     * Every call that started before this instant has been read at least once. Only
     * {@code service.RunLedger} writes it, in SQL that only moves it forward: an entity loaded
     * before a run committed a page must never write an older value back.
     */
    @Column(name = "scanned_until", insertable = false, updatable = false)
    public Instant scannedUntil;

    @Column(name = "last_successful_run_at", insertable = false, updatable = false)
    public Instant lastSuccessfulRunAt;

    /** Goes up with every connect: a 401/403 breaks the integration only if it answered this version's key. */
    @Column(name = "credentials_version", nullable = false)
    public long credentialsVersion;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When on, a reconnection after a disconnection gap queues a GAP_BACKFILL run of the gap. */
    @Column(name = "auto_backfill_gaps", nullable = false)
    public boolean autoBackfillGaps;

    @Version
    public long version;

    public void connected(byte[] apiIdCipher, byte[] apiTokenCipher, Instant now) {
        this.apiIdCipher = apiIdCipher;
        this.apiTokenCipher = apiTokenCipher;
        this.status = IntegrationStatus.CONNECTED;
        credentialsVersion++;
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
}
