package io.airspeed.aircall.simulator;

import io.airspeed.aircall.simulator.ratelimit.RateLimit;

import java.time.Duration;
import java.util.Objects;

/**
 * Behaviour switches that may be flipped while the simulator runs (from Java or the control API), for
 * the places where Aircall's real behaviour is undocumented or differs between sources.
 */
public final class SimulatorSettings {

    private volatile boolean fromInclusive = true;
    private volatile boolean toInclusive = true;
    private volatile boolean rateLimitHeadersOnSuccess;
    private volatile boolean unthrottled;
    private volatile Duration recordingUrlLifetime = Duration.ofHours(1);
    private volatile int paginationCap = 10_000;
    private volatile RateLimit defaultRateLimit = RateLimit.AIRCALL_DEFAULT;
    private volatile String publicBaseUrl;

    /** Whether a call that started exactly at {@code from} is listed. */
    public boolean fromInclusive() {
        return fromInclusive;
    }

    public SimulatorSettings fromInclusive(boolean inclusive) {
        this.fromInclusive = inclusive;
        return this;
    }

    /** Whether a call that started exactly at {@code to} is listed. */
    public boolean toInclusive() {
        return toInclusive;
    }

    public SimulatorSettings toInclusive(boolean inclusive) {
        this.toInclusive = inclusive;
        return this;
    }

    /** Whether 200 responses carry the X-AircallApi-* headers too (they always come with a 429). */
    public boolean rateLimitHeadersOnSuccess() {
        return rateLimitHeadersOnSuccess;
    }

    public SimulatorSettings rateLimitHeadersOnSuccess(boolean send) {
        this.rateLimitHeadersOnSuccess = send;
        return this;
    }

    /** Ignores every company's rate limit (benchmarks). Injected 429 storms still happen. */
    public boolean unthrottled() {
        return unthrottled;
    }

    public SimulatorSettings unthrottled(boolean unthrottled) {
        this.unthrottled = unthrottled;
        return this;
    }

    public Duration recordingUrlLifetime() {
        return recordingUrlLifetime;
    }

    public SimulatorSettings recordingUrlLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("recording URL lifetime must be positive");
        }
        this.recordingUrlLifetime = lifetime;
        return this;
    }

    /** Records a query may page through (Aircall: 10,000): a page with {@code page * per_page} over it is a 400. */
    public int paginationCap() {
        return paginationCap;
    }

    public SimulatorSettings paginationCap(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("pagination cap must be positive");
        }
        this.paginationCap = cap;
        return this;
    }

    /** The rate limit of companies added without one of their own. */
    public RateLimit defaultRateLimit() {
        return defaultRateLimit;
    }

    public SimulatorSettings defaultRateLimit(RateLimit limit) {
        this.defaultRateLimit = Objects.requireNonNull(limit);
        return this;
    }

    /** The base of absolute links; null: taken from the request's Host header. */
    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    public SimulatorSettings publicBaseUrl(String baseUrl) {
        this.publicBaseUrl = baseUrl == null || baseUrl.isBlank() ? null : stripTrailingSlash(baseUrl);
        return this;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
