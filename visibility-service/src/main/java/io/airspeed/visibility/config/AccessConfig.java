package io.airspeed.visibility.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Access revocation (issue 12): how often each replica reloads who is deactivated or no longer an admin. */
@ConfigMapping(prefix = "visibility.access")
public interface AccessConfig {

    /**
     * A change this replica receives applies at once; one another replica received reaches this
     * one after at most this long (VISIBILITY_ACCESS_REFRESH_INTERVAL).
     */
    @WithDefault("10s")
    String refreshInterval();
}
