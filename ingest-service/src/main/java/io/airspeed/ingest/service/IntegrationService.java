package io.airspeed.ingest.service;

import io.airspeed.ingest.aircall.AircallClient;
import io.airspeed.ingest.aircall.AircallCredentials;
import io.airspeed.ingest.aircall.AircallCredentialsRejectedException;
import io.airspeed.ingest.aircall.AircallRequestStats;
import io.airspeed.ingest.config.IngestConfig;
import io.airspeed.ingest.credentials.CredentialsCipher;
import io.airspeed.ingest.domain.ConnectionWindow;
import io.airspeed.ingest.domain.IngestionRun;
import io.airspeed.ingest.domain.Integration;
import io.airspeed.ingest.domain.IntegrationStatus;
import io.airspeed.ingest.domain.RunStatus;
import io.airspeed.ingest.repository.ConnectionWindowRepository;
import io.airspeed.ingest.repository.IngestionRunRepository;
import io.airspeed.ingest.repository.IntegrationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Connecting, disconnecting and breaking an org's Aircall integration, with its connection windows. */
@ApplicationScoped
public class IntegrationService {

    private static final Logger LOG = Logger.getLogger(IntegrationService.class);

    /** Gap backfills the integration view reports, most recent first. */
    static final int GAP_BACKFILLS_SHOWN = 10;

    private final IntegrationRepository integrations;
    private final ConnectionWindowRepository windows;
    private final IngestionRunRepository runs;
    private final CredentialsCipher cipher;
    private final AircallClient aircall;
    private final RunLedger ledger;
    private final RunWorker worker;
    private final IngestConfig config;
    private final Clock clock;

    IntegrationService(IntegrationRepository integrations, ConnectionWindowRepository windows, IngestionRunRepository runs,
                       CredentialsCipher cipher, AircallClient aircall, RunLedger ledger, RunWorker worker,
                       IngestConfig config, Clock clock) {
        this.integrations = integrations;
        this.windows = windows;
        this.runs = runs;
        this.cipher = cipher;
        this.aircall = aircall;
        this.ledger = ledger;
        this.worker = worker;
        this.config = config;
        this.clock = clock;
    }

    /** {@code gapBackfills}: the org's most recent GAP_BACKFILL runs, newest first. */
    public record IntegrationState(Integration integration, List<ConnectionWindow> windows, List<IngestionRun> gapBackfills) {
    }

    /**
     * Checks the credentials against Aircall, then stores them encrypted and opens a connection
     * window. Reconnecting (a rotated token) closes the previous window and opens a new one, so
     * the gap between them stays visible. When the org heals gaps and the previous window had
     * closed (a disconnection, a broken key), the gap's backfill is queued with the new window.
     */
    public Uni<IntegrationState> connect(UUID orgId, AircallCredentials credentials) {
        return aircall.ping(credentials, new AircallRequestStats())
                .onFailure(AircallCredentialsRejectedException.class).transform(e -> new CredentialsRejectedException(
                        "Aircall rejected these credentials (HTTP " + ((AircallCredentialsRejectedException) e).status()
                                + "); check the API ID and token in Aircall's Integrations & API page"))
                // A run's page commit moves this row's checkpoint while it holds the org's lease; when
                // PostgreSQL breaks such a lock cycle by aborting this transaction, it simply runs again
                // (a fresh session each time: none is open here).
                .chain(() -> Panache.withTransaction(() -> store(orgId, credentials))
                        .onFailure(failure -> SqlStates.any(failure, SqlStates.LOCK_CYCLE)).retry().withBackOff(Duration.ofMillis(20)).atMost(3))
                .invoke(state -> {
                    if (state.gapBackfills().stream().anyMatch(run -> run.status == RunStatus.QUEUED)) {
                        worker.wake();
                    }
                });
    }

    private Uni<IntegrationState> store(UUID orgId, AircallCredentials credentials) {
        Instant now = clock.instant();
        String aad = orgId.toString();
        byte[] apiId = cipher.encrypt(credentials.apiId(), aad);
        byte[] apiToken = cipher.encrypt(credentials.apiToken(), aad);
        return integrations.findById(orgId)
                .chain(existing -> windows.latestOf(orgId).chain(latest -> {
                    Integration integration = existing != null ? existing : newIntegration(orgId);
                    integration.connected(apiId, apiToken, now);
                    // An open window means a rotation while connected: no gap. A closed one left a gap until now.
                    Instant gapFrom = latest == null || latest.closedAt == null || !latest.closedAt.isBefore(now)
                            ? null : latest.closedAt;
                    return integrations.persist(integration)
                            .call(() -> closeOpenWindow(orgId, now, "RECONNECTED"))
                            .call(() -> windows.flush())
                            .call(() -> windows.persist(ConnectionWindow.open(orgId, now)))
                            .call(() -> gapFrom != null && integration.autoBackfillGaps
                                    ? queueGapBackfill(orgId, gapFrom, now) : Uni.createFrom().voidItem());
                }))
                .invoke(integration -> LOG.infof("Aircall integration of org %s connected", orgId))
                .chain(integration -> state(integration));
    }

    /**
     * The gap's backfill, at most {@code ingest.backfill.max-range} long: a longer gap is read for
     * its most recent part (the calls people are likeliest to miss), and the older part is kept on
     * the run to be reported, for an admin to backfill in pieces if it matters.
     */
    private Uni<Void> queueGapBackfill(UUID orgId, Instant gapFrom, Instant gapTo) {
        Duration maxRange = config.backfill().maxRange();
        boolean tooLong = Duration.between(gapFrom, gapTo).compareTo(maxRange) > 0;
        Instant from = tooLong ? gapTo.minus(maxRange) : gapFrom;
        return ledger.queueGapBackfill(orgId, from, gapTo, tooLong ? gapFrom : null)
                .invoke(run -> LOG.infof("Reconnection of org %s after a gap since %s: queued gap backfill %s of %s – %s%s",
                        orgId, gapFrom, run.id, from, gapTo, tooLong ? " (older part not backfilled: longer than " + maxRange + ")" : ""))
                .replaceWithVoid();
    }

    /** The org's settings of the integration (today: whether reconnection gaps are backfilled). */
    @WithTransaction
    public Uni<IntegrationState> updateSettings(UUID orgId, boolean autoBackfillGaps) {
        return integrations.findById(orgId)
                .onItem().ifNull().failWith(() -> new NotFoundException("Your org has no Aircall integration; connect one first"))
                .invoke(integration -> {
                    integration.autoBackfillGaps = autoBackfillGaps;
                    integration.updatedAt = clock.instant();
                })
                .call(integrations::flush)
                .chain(this::state);
    }

    @WithSession
    public Uni<IntegrationState> get(UUID orgId) {
        return integrations.findById(orgId)
                .onItem().ifNull().failWith(() -> new NotFoundException("Your org has no Aircall integration; connect one first"))
                .chain(this::state);
    }

    @WithTransaction
    public Uni<Void> disconnect(UUID orgId) {
        Instant now = clock.instant();
        return integrations.findById(orgId)
                .onItem().ifNull().failWith(() -> new NotFoundException("Your org has no Aircall integration"))
                .invoke(integration -> integration.disconnected(now))
                .call(integration -> closeOpenWindow(orgId, now, "DISCONNECTED"))
                .replaceWithVoid();
    }

    /**
     * Aircall answered 401/403 to the key of {@code credentialsVersion}: the integration is broken
     * until an admin reconnects, unless the key was replaced since (a reconnect during the run),
     * in which case the answer says nothing about the key now stored. False when nothing changed.
     */
    @WithTransaction
    public Uni<Boolean> markBroken(UUID orgId, long credentialsVersion, String reason) {
        Instant now = clock.instant();
        return integrations.update("status = ?1, brokenSince = ?2, brokenReason = ?3, updatedAt = ?2"
                                + " where orgId = ?4 and credentialsVersion = ?5 and status = ?6",
                        IntegrationStatus.BROKEN, now, reason, orgId, credentialsVersion, IntegrationStatus.CONNECTED)
                .chain(updated -> {
                    if (updated == 0) {
                        LOG.infof("Aircall rejected an older key of org %s (version %d); the integration stays as it is",
                                orgId, credentialsVersion);
                        return Uni.createFrom().item(false);
                    }
                    LOG.warnf("Aircall integration of org %s is BROKEN: %s", orgId, reason);
                    return closeOpenWindow(orgId, now, "BROKEN").replaceWith(true);
                });
    }

    /** The stored credentials, decrypted for a run. */
    public AircallCredentials credentialsOf(Integration integration) {
        if (integration.apiIdCipher == null || integration.apiTokenCipher == null) {
            throw new ConflictException("The Aircall integration is " + integration.status + "; an admin must connect it again");
        }
        String aad = integration.orgId.toString();
        return new AircallCredentials(cipher.decrypt(integration.apiIdCipher, aad), cipher.decrypt(integration.apiTokenCipher, aad));
    }

    private Uni<Void> closeOpenWindow(UUID orgId, Instant now, String cause) {
        return windows.openOf(orgId).invoke(open -> {
            if (open != null) {
                open.close(now, cause);
            }
        }).replaceWithVoid();
    }

    private Uni<IntegrationState> state(Integration integration) {
        return windows.ofOrg(integration.orgId).chain(list -> runs.gapBackfillsOf(integration.orgId, GAP_BACKFILLS_SHOWN)
                .map(gaps -> new IntegrationState(integration, list, gaps)));
    }

    private static Integration newIntegration(UUID orgId) {
        Integration integration = new Integration();
        integration.orgId = orgId;
        integration.status = IntegrationStatus.DISCONNECTED;
        return integration;
    }
}
