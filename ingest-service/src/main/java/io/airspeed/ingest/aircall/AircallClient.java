package io.airspeed.ingest.aircall;

import io.airspeed.ingest.config.IngestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Talks to Aircall the way Aircall asks: pages of 50 until {@code next_page_link} is null, ranges
 * split so no query passes the 10,000-record cap, the company's rate limit honoured, 429s waited
 * out until the reset, 5xx/timeouts/unreadable answers retried with backoff and jitter.
 */
@ApplicationScoped
public class AircallClient {

    static final int PAGE_SIZE = 50;
    static final long RECORD_CAP = 10_000;

    private static final Logger LOG = Logger.getLogger(AircallClient.class);

    private final AircallApi api;
    private final AircallRateLimiter limiter;
    private final IngestConfig.Aircall config;
    private final Clock clock;
    private final MeterRegistry metrics;

    AircallClient(@RestClient AircallApi api, AircallRateLimiter limiter, IngestConfig config, Clock clock,
                  MeterRegistry metrics) {
        this.api = api;
        this.limiter = limiter;
        this.config = config.aircall();
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Succeeds when Aircall accepts the credentials; fails with {@link AircallCredentialsRejectedException} otherwise. */
    public Uni<Void> ping(AircallCredentials credentials, AircallRequestStats stats) {
        return send(credentials, stats, () -> api.ping(credentials.basicAuthorization()), response -> null)
                .replaceWithVoid();
    }

    /** One call by id; empty when Aircall does not know it. */
    public Uni<Optional<AircallCall>> call(AircallCredentials credentials, long callId, AircallRequestStats stats) {
        return send(credentials, stats, () -> api.call(credentials.basicAuthorization(), callId),
                response -> response.getStatus() == 404 ? Optional.<AircallCall>empty()
                        : Optional.ofNullable(response.readEntity(AircallCallEnvelope.class).call()));
    }

    /** Every call that started in [{@code from}, {@code to}), page by page, oldest first. */
    public Multi<AircallWindowPage> calls(AircallCredentials credentials, Instant from, Instant to,
                                          AircallRequestStats stats) {
        return range(credentials, from, to, stats, -1);
    }

    /**
     * The Aircall user with this email (trimmed, lower-cased), paging {@code GET /v1/users} until
     * {@code next_page_link} is null; at most {@code maxPages} pages, so one question costs a bounded budget.
     */
    public Uni<Optional<AircallUser>> userByEmail(AircallCredentials credentials, String email, int maxPages,
                                                  AircallRequestStats stats) {
        String wanted = email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
        return usersPage(credentials, wanted, 1, maxPages, stats);
    }

    private Uni<Optional<AircallUser>> usersPage(AircallCredentials credentials, String wanted, int page, int maxPages,
                                                 AircallRequestStats stats) {
        return send(credentials, stats, () -> api.users(credentials.basicAuthorization(), page, PAGE_SIZE),
                response -> response.readEntity(AircallUsersPage.class))
                .chain(users -> {
                    Optional<AircallUser> found = users.usersOrEmpty().stream()
                            .filter(user -> user.email() != null && user.email().trim().toLowerCase(java.util.Locale.ROOT).equals(wanted))
                            .findFirst();
                    if (found.isPresent() || users.isLast() || page >= maxPages) {
                        return Uni.createFrom().item(found);
                    }
                    return usersPage(credentials, wanted, page + 1, maxPages, stats);
                });
    }

    /**
     * The calls of one Aircall user that started in [{@code from}, {@code to}), through
     * {@code GET /v1/calls/search?user_id=}; at most {@code maxPages} pages of 50.
     */
    public Uni<List<AircallCall>> callsOfUser(AircallCredentials credentials, long userId, Instant from, Instant to,
                                              int maxPages, AircallRequestStats stats) {
        return searchPage(credentials, userId, from, to, 1, maxPages, new java.util.ArrayList<>(), stats);
    }

    private Uni<List<AircallCall>> searchPage(AircallCredentials credentials, long userId, Instant from, Instant to, int page,
                                              int maxPages, List<AircallCall> found, AircallRequestStats stats) {
        long fromSecond = from.getEpochSecond() - 1;
        long toSecond = to.getEpochSecond();
        return send(credentials, stats,
                () -> api.searchCalls(credentials.basicAuthorization(), userId, fromSecond, toSecond, "asc", page, PAGE_SIZE),
                response -> response.readEntity(AircallCallsPage.class))
                .chain(calls -> {
                    found.addAll(within(calls, from, to));
                    if (calls.isLast() || page >= maxPages) {
                        return Uni.createFrom().item(List.copyOf(found));
                    }
                    return searchPage(credentials, userId, from, to, page + 1, maxPages, found, stats);
                });
    }

    /**
     * How many calls Aircall counts as started in [{@code from}, {@code toInclusive}] (UNIX seconds,
     * both bounds as sent): one request of one record, its {@code meta.total}; nothing is re-read.
     */
    public Uni<Long> countStarted(AircallCredentials credentials, long fromSecond, long toInclusiveSecond,
                                  AircallRequestStats stats) {
        return send(credentials, stats,
                () -> api.calls(credentials.basicAuthorization(), fromSecond, toInclusiveSecond, "asc", 1, 1),
                response -> response.readEntity(AircallCallsPage.class).total());
    }

    private Multi<AircallWindowPage> range(AircallCredentials credentials, Instant from, Instant to,
                                           AircallRequestStats stats, long knownTotal) {
        if (!from.isBefore(to)) {
            return Multi.createFrom().empty();
        }
        return page(credentials, from, to, 1, stats).onItem().transformToMulti(first -> {
            long total = knownTotal >= 0 ? knownTotal : first.total();
            long seconds = Duration.between(from, to).getSeconds();
            if (first.total() > RECORD_CAP && seconds > 1) {
                Instant middle = from.plusSeconds(seconds / 2);
                return Multi.createBy().concatenating().streams(
                        range(credentials, from, middle, stats, total),
                        range(credentials, middle, to, stats, total));
            }
            if (first.total() > RECORD_CAP) {
                LOG.warnf("More than %d Aircall calls started within one second at %s; only the first %d can be read",
                        RECORD_CAP, from, RECORD_CAP);
            }
            return pages(credentials, from, to, first, 1, total, stats);
        });
    }

    private Multi<AircallWindowPage> pages(AircallCredentials credentials, Instant from, Instant to,
                                           AircallCallsPage current, int pageNumber, long total,
                                           AircallRequestStats stats) {
        Multi<AircallWindowPage> head = Multi.createFrom().item(new AircallWindowPage(within(current, from, to), total, from, to));
        if (current.isLast() || (long) pageNumber * PAGE_SIZE >= RECORD_CAP) {
            return head;
        }
        Multi<AircallWindowPage> rest = page(credentials, from, to, pageNumber + 1, stats)
                .onItem().transformToMulti(next -> pages(credentials, from, to, next, pageNumber + 1, total, stats));
        return Multi.createBy().concatenating().streams(head, rest);
    }

    /**
     * Aircall does not document whether {@code from}/{@code to} are inclusive, so the query is
     * widened by a second on each side and the answer trimmed to the half-open range here.
     */
    private Uni<AircallCallsPage> page(AircallCredentials credentials, Instant from, Instant to, int page,
                                       AircallRequestStats stats) {
        long fromSecond = from.getEpochSecond() - 1;
        long toSecond = to.getEpochSecond();
        return send(credentials, stats,
                () -> api.calls(credentials.basicAuthorization(), fromSecond, toSecond, "asc", page, PAGE_SIZE),
                response -> response.readEntity(AircallCallsPage.class));
    }

    private static List<AircallCall> within(AircallCallsPage page, Instant from, Instant to) {
        return page.callsOrEmpty().stream()
                .filter(call -> call.started() != null && !call.started().isBefore(from) && call.started().isBefore(to))
                .toList();
    }

    private <T> Uni<T> send(AircallCredentials credentials, AircallRequestStats stats, Supplier<Uni<Response>> request,
                            Function<Response, T> reader) {
        return attempt(credentials, stats, request, reader, 1, 0);
    }

    private <T> Uni<T> attempt(AircallCredentials credentials, AircallRequestStats stats,
                               Supplier<Uni<Response>> request, Function<Response, T> reader,
                               int attempt, int throttledInARow) {
        String company = credentials.companyKey();
        Duration wait = limiter.reserve(company);
        Uni<Response> sent = (wait.isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(wait))
                .invoke(stats::request)
                .chain(request::get)
                .onFailure(WebApplicationException.class)
                .recoverWithItem(failure -> ((WebApplicationException) failure).getResponse());

        return sent.onItemOrFailure().transformToUni((response, failure) -> {
            count(failure != null ? "no_answer" : resultOf(response.getStatus()));
            if (failure != null) {
                return retry(credentials, stats, request, reader, attempt, "no answer: " + failure, failure);
            }
            int status = response.getStatus();
            if (status == 429) {
                stats.throttled();
                limiter.blockUntil(company, resetOf(response));
                if (throttledInARow + 1 >= config.maxThrottledInARow()) {
                    return Uni.createFrom().failure(new AircallUnavailableException(
                            "Aircall kept answering 429 (" + (throttledInARow + 1) + " times in a row)", null));
                }
                return attempt(credentials, stats, request, reader, attempt, throttledInARow + 1);
            }
            observeBudget(company, response);
            if (status == 401 || status == 403) {
                return Uni.createFrom().failure(new AircallCredentialsRejectedException(status));
            }
            if (status >= 500) {
                return retry(credentials, stats, request, reader, attempt, "HTTP " + status, null);
            }
            if (status >= 400 && status != 404) {
                return Uni.createFrom().failure(new AircallUnavailableException(
                        "Aircall refused the request with HTTP " + status + ": " + bodyOf(response), null));
            }
            try {
                return Uni.createFrom().item(reader.apply(response));
            } catch (RuntimeException unreadable) {
                return retry(credentials, stats, request, reader, attempt, "unreadable answer", unreadable);
            }
        });
    }

    private <T> Uni<T> retry(AircallCredentials credentials, AircallRequestStats stats, Supplier<Uni<Response>> request,
                             Function<Response, T> reader, int attempt, String why, Throwable cause) {
        if (attempt >= config.maxAttempts()) {
            return Uni.createFrom().failure(new AircallUnavailableException(
                    "Aircall failed " + attempt + " times, last: " + why, cause));
        }
        stats.retried();
        Duration backoff = backoff(attempt);
        LOG.debugf("Aircall %s; retrying in %d ms (attempt %d)", why, backoff.toMillis(), attempt + 1);
        return Uni.createFrom().voidItem().onItem().delayIt().by(backoff)
                .chain(() -> attempt(credentials, stats, request, reader, attempt + 1, 0));
    }

    private void count(String result) {
        metrics.counter("ingest.aircall.responses", "result", result).increment();
    }

    private static String resultOf(int status) {
        if (status == 429) {
            return "throttled";
        }
        if (status == 401 || status == 403) {
            return "rejected";
        }
        return status >= 500 ? "server_error" : status >= 400 ? "client_error" : "ok";
    }

    /** Exponential, capped, with jitter so that many runs do not retry in lockstep. */
    Duration backoff(int attempt) {
        long base = config.backoffInitial().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, config.backoffMax().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private Instant resetOf(Response response) {
        Instant now = clock.instant();
        Instant fallback = now.plus(config.throttleFallbackWait());
        String reset = response.getHeaderString("X-AircallApi-Reset");
        if (reset == null) {
            return fallback;
        }
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
            // A reset in the past or absurdly far away is not to be trusted.
            return at.isBefore(now) || at.isAfter(fallback.plus(config.throttleFallbackWait())) ? fallback : at;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void observeBudget(String company, Response response) {
        String remaining = response.getHeaderString("X-AircallApi-Remaining");
        if (remaining != null && remaining.trim().equals("0") && response.getHeaderString("X-AircallApi-Reset") != null) {
            limiter.blockUntil(company, resetOf(response));
        }
    }

    private static String bodyOf(Response response) {
        try {
            String body = response.readEntity(String.class);
            return body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
