package io.airspeed.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How large a request body may be, per kind of path. {@code quarkus.http.limits.max-body-size}
 * is one number for the whole server; the tenant API and the service-to-service API need two.
 * Quarkus' own cap (10 MiB by default) still applies on top: raise it too before setting either
 * value above it.
 */
@ConfigMapping(prefix = "airspeed.request-limits")
public interface RequestLimitsConfig {

    /** {@code /api/**}: every body there is a small form (a user, a credential pair, a visibility). */
    @WithDefault("1M")
    MemorySize apiMaxBodySize();

    /**
     * {@code /internal/**}: service calls carry batches (bulk imports of up to 500 calls are
     * planned; 500 calls of a few KiB each, participants and links included, stay well under 8 MiB).
     */
    @WithDefault("8M")
    MemorySize internalMaxBodySize();
}
