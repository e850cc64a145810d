package io.airspeed.users.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the roster change feed and of access revocation (issue 12); each overridable by environment. */
@ConfigMapping(prefix = "users")
public interface UsersConfig {

    RosterChanges rosterChanges();

    Access access();

    interface RosterChanges {
        /** How often the outbox is looked at for changes to send (USERS_ROSTER_CHANGES_DELIVERY_EVERY). */
        @WithDefault("2s")
        String deliveryEvery();

        /** Changes per request; the receivers accept at most 100. */
        @WithDefault("100")
        int batchSize();

        /** (org, destination) pairs one replica claims per run. */
        @WithDefault("20")
        int pairsPerRun();

        /** Requests in flight at once. */
        @WithDefault("4")
        int concurrency();

        /** The first retry's delay; each further failure doubles it, up to {@link #retryMax()}. */
        @WithDefault("PT2S")
        Duration retryInitial();

        @WithDefault("PT5M")
        Duration retryMax();

        /**
         * How long claimed changes are this replica's alone. Longer than a request may take (the
         * REST clients' read timeout); a replica that dies holding claims delays them this long.
         */
        @WithDefault("PT1M")
        Duration claimTtl();
    }

    interface Access {
        /**
         * How often each replica reloads who is deactivated or no longer an admin. A change made on
         * this replica applies at once; one made on another replica after at most this long.
         */
        @WithDefault("10s")
        String refreshInterval();
    }
}
