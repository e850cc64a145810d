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

    /** Books the next slot for the company: how long to wait for it, and where to say it was sent. */
    public Reservation reserve(String company) {
        Instant now = clock.instant();
        CompanyBudget budget = budget(company);
        Slot slot = budget.reserve(now, config.aircall().rateLimitPerMinute(), config.aircall().rateLimitWindow());
        Duration wait = slot.at.isAfter(now) ? Duration.between(now, slot.at) : Duration.ZERO;
        return new Reservation(wait, () -> budget.sending(slot, clock.instant()));
    }

    /**
     * A booked request. {@link #sending()} is called when it actually leaves: a busy event loop or
     * timer sends it later than booked, and the window must count it from then, or the request
     * {@code limit} places later could land inside the same window at Aircall.
     */
    public record Reservation(Duration delay, Runnable sending) {
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
        private final ArrayDeque<Slot> sent = new ArrayDeque<>();
        private Instant blockedUntil = Instant.EPOCH;

        synchronized Slot reserve(Instant now, int limit, Duration window) {
            Instant at = now.isAfter(blockedUntil) ? now : blockedUntil;
            if (limit <= 0) {
                return new Slot(at);
            }
            while (sent.size() > limit) {
                sent.removeFirst();
            }
            if (sent.size() == limit) {
                Instant freedAt = sent.peekFirst().at.plus(window).plus(margin(window));
                if (freedAt.isAfter(at)) {
                    at = freedAt;
                }
            }
            Slot slot = new Slot(at);
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

        synchronized void sending(Slot slot, Instant now) {
            if (now.isAfter(slot.at)) {
                slot.at = now;
            }
        }

        synchronized void blockUntil(Instant reset) {
            if (reset.isAfter(blockedUntil)) {
                blockedUntil = reset;
            }
        }
    }

    /** One booked send time; moved later if the request actually left later. Guarded by its budget. */
    private static final class Slot {
        private Instant at;

        Slot(Instant at) {
            this.at = at;
        }
    }
}
