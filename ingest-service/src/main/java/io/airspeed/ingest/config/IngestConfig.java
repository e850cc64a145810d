package io.airspeed.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Every setting of ingestion, under the stable names of the product spec (section 5a). */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    Aircall aircall();

    /** How long a finished call may wait for its recording before it is skipped. */
    @WithDefault("PT3H")
    Duration recordingGrace();

    /** How far back each scheduled run re-reads, for calls that finished after the last run saw them. */
    @WithDefault("PT1H")
    Duration rescanOverlap();

    /**
     * How long after its start a call Aircall still reports in progress is waited for; then it is
     * decided SKIPPED_NEVER_FINISHED instead of staying PENDING for ever.
     */
    @WithDefault("PT24H")
    Duration inProgressLimit();

    /**
     * How far before its first connection an org's first run reads, so that calls made just
     * before connecting are in the decision log (skipped, rule 6) instead of nowhere.
     */
    @WithDefault("PT24H")
    Duration initialLookback();

    /** Base64 AES-256 key for Aircall credentials at rest. Required in production. */
    Optional<String> credentialsKey();

    Schedule schedule();

    Runs runs();

    Backfill backfill();

    Delivery delivery();

    Recheck recheck();

    Access access();

    Replay replay();

    interface Aircall {
        @WithDefault("https://api.aircall.io")
        String baseUrl();

        /** Requests per minute per Aircall company (120 in current docs, 60 in older ones); 0 = no limit of ours. */
        @WithDefault("60")
        int rateLimitPerMinute();

        /** The span the limit counts over; a minute, shorter only in tests that must not wait minutes. */
        @WithDefault("PT1M")
        Duration rateLimitWindow();

        /** Attempts per request on 5xx, timeouts and unreadable answers. */
        @WithDefault("6")
        int maxAttempts();

        @WithDefault("PT0.5S")
        Duration backoffInitial();

        @WithDefault("PT30S")
        Duration backoffMax();

        /** 429s in a row on one request before the run gives up (it resumes on the next run). */
        @WithDefault("30")
        int maxThrottledInARow();

        /** The longest a 429 makes us wait when Aircall sends no usable reset time. */
        @WithDefault("PT60S")
        Duration throttleFallbackWait();
    }

    interface Schedule {
        /** In-process trigger for single-node installs; production uses the CronJob. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("5m")
        String every();
    }

    interface Runs {
        /**
         * A run holds its org's lease this long past its last renewal, judged by the database's
         * clock; a run that let it expire has lost it and stops, and a crashed run's org is free then.
         */
        @WithDefault("PT2M")
        Duration leaseTtl();

        /**
         * How often a live run renews its lease, whatever it is doing (a long 429 wait included);
         * default a third of the TTL, so that two renewals may fail before the lease runs out.
         */
        Optional<Duration> leaseRenewEvery();

        /** Runs one replica executes at once; more queued runs wait for this or another replica. */
        @WithDefault("4")
        int maxConcurrentPerReplica();

        /** How often each replica's worker looks for queued runs (a trigger also wakes its own replica at once). */
        @WithDefault("2s")
        String pollEvery();

        /**
         * The one deadline of {@code ?wait=true} for all the runs it started or joined; then it
         * answers with their state. Below the CronJob's curl --max-time, itself below its interval.
         */
        @WithDefault("PT4M")
        Duration waitTimeout();
    }

    interface Recheck {
        /**
         * Pending decisions the run's window no longer re-reads, looked up one by one in Aircall, at
         * most this many per run (least recently checked first); the rest wait for the next runs, so
         * that one org's backlog cannot hold its run for hours at Aircall's rate limit.
         */
        @WithDefault("100")
        int maxPerRun();
    }

    interface Backfill {
        @WithDefault("P90D")
        Duration maxRange();

        /** Backfills an org may have waiting behind its current run; one more is refused (409) until some have run. */
        @WithDefault("20")
        int maxQueued();
    }

    interface Delivery {
        /** How often the outbox is checked for deliveries whose retry time has come. */
        @WithDefault("10s")
        String retryEvery();

        /**
         * Requests to visibility-service sent at once, each a bulk delivery of up to 500 calls; the
         * outbox claims as many full requests' worth of deliveries at a time.
         */
        @WithDefault("8")
        int concurrency();

        @WithDefault("PT5S")
        Duration retryInitial();

        @WithDefault("PT10M")
        Duration retryMax();

        /**
         * How long a claimed delivery is this replica's alone. Long enough for a page's sends; short,
         * because a replica killed while holding claims delays those deliveries this long (a claim
         * that runs out mid-send only costs a repeated, idempotent PUT).
         */
        @WithDefault("PT1M")
        Duration claimTtl();
    }

    interface Access {
        /**
         * How often each replica reloads the access state of users ({@code user_access}) that other
         * replicas received: a deactivation is enforced everywhere within this interval.
         */
        @WithDefault("10s")
        String refreshInterval();
    }

    interface Replay {
        /**
         * How often the roster changes still waiting for a replay are looked at: those whose replay
         * failed, or that arrived while the integration was not connected, get a replay queued.
         */
        @WithDefault("15s")
        String sweepEvery();

        /** How long after a replay failed its changes wait before the next replay is queued for them. */
        @WithDefault("PT1M")
        Duration retryAfter();
    }
}
