package io.airspeed.ingest.aircall;

import io.airspeed.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each Aircall company under its per-minute limit: no one-minute span ever holds more
 * requests than the limit, and when Aircall says the budget is spent (a 429, or
 * {@code X-AircallApi-Remaining: 0}) nothing is sent before its reset time.
 */
@ApplicationScoped
public class AircallRateLimiter {

    private final Map<String, CompanyBudget> budgets = new ConcurrentHashMap<>();
    private final IngestConfig config;
    private final Clock clock;

    AircallRateLimiter(IngestConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Books the next slot for the company and tells how long to wait for it. */
    public Duration reserve(String company) {
        Instant now = clock.instant();
        Instant slot = budget(company).reserve(now, config.aircall().rateLimitPerMinute(), config.aircall().rateLimitWindow());
        return slot.isAfter(now) ? Duration.between(now, slot) : Duration.ZERO;
    }

    /** Aircall said the budget is spent until {@code reset}. */
    public void blockUntil(String company, Instant reset) {
        budget(company).blockUntil(reset);
    }

    private CompanyBudget budget(String company) {
        return budgets.computeIfAbsent(company, key -> new CompanyBudget());
    }

    private static final class CompanyBudget {
        /** The send times of the last {@code limit} requests, booked in order. */
        private final ArrayDeque<Instant> sent = new ArrayDeque<>();
        private Instant blockedUntil = Instant.EPOCH;

        synchronized Instant reserve(Instant now, int limit, Duration window) {
            Instant slot = now.isAfter(blockedUntil) ? now : blockedUntil;
            if (limit <= 0) {
                return slot;
            }
            while (sent.size() > limit) {
                sent.removeFirst();
            }
            if (sent.size() == limit) {
                Instant freedAt = sent.peekFirst().plus(window).plus(margin(window));
                if (freedAt.isAfter(slot)) {
                    slot = freedAt;
                }
            }
            sent.addLast(slot);
            if (sent.size() > limit) {
                sent.removeFirst();
            }
            return slot;
        }

        /**
         * Aircall counts requests as they arrive, we as we send them: a small margin keeps a
         * request sent right at the window's edge from landing in the previous one.
         */
        private static Duration margin(Duration window) {
            Duration twentieth = window.dividedBy(20);
            return twentieth.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : twentieth;
        }

        synchronized void blockUntil(Instant reset) {
            if (reset.isAfter(blockedUntil)) {
                blockedUntil = reset;
            }
        }
    }
}
