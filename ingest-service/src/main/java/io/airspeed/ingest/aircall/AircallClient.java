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
 * split on whole seconds so no query passes the 10,000-record cap, the company's rate limit
 * honoured, 429s waited out until the reset, 5xx/timeouts/unreadable answers retried with backoff
 * and jitter. A list answer that is not a complete page of a complete list fails the read.
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

    /**
     * Every call that started in [{@code from}, {@code to}), page by page, oldest first; fails with
     * {@link AircallIncompleteListException} rather than return a list that may miss calls.
     */
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
     * One page of 50 of {@code GET /v1/calls/search?user_id=} over the UNIX seconds [{@code fromSecond},
     * {@code toSecond}] as sent, oldest first, with Aircall's total for the query: a replay re-reads
     * a user's skipped calls 50 at a time with it, and stops paging once the rest is cheaper by id.
     */
    public Uni<AircallCallsPage> searchCallsOfUser(AircallCredentials credentials, long userId, long fromSecond,
                                                  long toSecond, int page, AircallRequestStats stats) {
        return send(credentials, stats,
                () -> api.searchCalls(credentials.basicAuthorization(), userId, fromSecond, toSecond, "asc", page, PAGE_SIZE),
                response -> response.readEntity(AircallCallsPage.class));
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
        // Aircall filters on whole seconds: the range is worked on as the seconds that can hold a call of it.
        long firstSecond = from.getEpochSecond();
        long endSecond = to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0);
        return range(credentials, new Trim(from, to), firstSecond, endSecond, stats, -1);
    }

    /** The instants asked for: what is read of each sub-range is trimmed to them. */
    private record Trim(Instant from, Instant to) {
    }

    /**
     * The calls of the whole seconds [{@code fromSecond}, {@code toSecond}). A range over the cap
     * is split on a whole second, so every call belongs to exactly one sub-range whatever the
     * fractions of the instants asked for.
     */
    private Multi<AircallWindowPage> range(AircallCredentials credentials, Trim trim, long fromSecond, long toSecond,
                                           AircallRequestStats stats, long knownTotal) {
        return lazily(page(credentials, fromSecond, toSecond, 1, stats)).onItem().transformToMultiAndConcatenate(first -> {
            long total = knownTotal >= 0 ? knownTotal : first.total();
            // A total of exactly the cap may be a capped count ("10,000 or more"): split it too.
            if (first.total() >= RECORD_CAP && toSecond - fromSecond > 1) {
                long middle = fromSecond + (toSecond - fromSecond) / 2;
                return Multi.createBy().concatenating().streams(
                        range(credentials, trim, fromSecond, middle, stats, total),
                        range(credentials, trim, middle, toSecond, stats, total));
            }
            return pages(credentials, trim, fromSecond, toSecond, first, 1, total, stats);
        });
    }

    private Multi<AircallWindowPage> pages(AircallCredentials credentials, Trim trim, long fromSecond, long toSecond,
                                           AircallCallsPage current, int pageNumber, long total,
                                           AircallRequestStats stats) {
        Instant from = max(trim.from(), Instant.ofEpochSecond(fromSecond));
        Instant to = min(trim.to(), Instant.ofEpochSecond(toSecond));
        Multi<AircallWindowPage> head = Multi.createFrom().item(new AircallWindowPage(within(current, from, to), total, from, to));
        if (current.isLast()) {
            return head;
        }
        if ((long) (pageNumber + 1) * PAGE_SIZE > RECORD_CAP) {
            List<AircallCall> listed = current.callsOrEmpty();
            if (!listed.isEmpty() && listed.get(listed.size() - 1).startedAt() >= toSecond) {
                // Oldest first: a call past the range's end means every call of the range was listed
                // (the crowd is in a widened neighbour second, not in this range).
                return head;
            }
            // Only a single second holding more than the cap gets here: it cannot be split further.
            return Multi.createBy().concatenating().streams(head, lazily(Uni.createFrom().failure(new AircallIncompleteListException(
                    "More than " + RECORD_CAP + " Aircall calls around " + Instant.ofEpochSecond(fromSecond)
                            + ": Aircall's 10,000-record cap stops the list before its end"))));
        }
        Multi<AircallWindowPage> rest = lazily(page(credentials, fromSecond, toSecond, pageNumber + 1, stats))
                .onItem().transformToMultiAndConcatenate(next -> pages(credentials, trim, fromSecond, toSecond, next, pageNumber + 1, total, stats));
        return Multi.createBy().concatenating().streams(head, rest);
    }

    /**
     * The next page is asked for only when the reader wants it (the runner reads at most one page
     * ahead of its commits), and a failure of the next page waits behind the pages read before it.
     */
    private static <T> Multi<T> lazily(Uni<T> uni) {
        return uni.toMulti();
    }

    /**
     * Aircall does not document whether {@code from}/{@code to} are inclusive, so both bounds are
     * widened by a second (from one before the first second, to the end second itself) and the
     * answer is trimmed to the range here: exclusive or inclusive, every second of the range is
     * asked for.
     */
    private Uni<AircallCallsPage> page(AircallCredentials credentials, long fromSecond, long toSecond, int page,
                                       AircallRequestStats stats) {
        return send(credentials, stats,
                () -> api.calls(credentials.basicAuthorization(), fromSecond - 1, toSecond, "asc", page, PAGE_SIZE),
                response -> completePage(response, page));
    }

    /** The page as Aircall sent it, or a failure when it does not look like one page of a complete list. */
    private static AircallCallsPage completePage(Response response, int page) {
        if (response.getStatus() != 200) {
            throw new AircallIncompleteListException("Aircall answered HTTP " + response.getStatus() + " to a list of calls");
        }
        AircallCallsPage body = response.readEntity(AircallCallsPage.class);
        if (body == null || body.calls() == null) {
            throw new AircallIncompleteListException("Aircall's list of calls has no calls array (page " + page + ")");
        }
        if (body.meta() == null || body.meta().total() == null) {
            throw new AircallIncompleteListException("Aircall's list of calls has no meta with a total (page " + page + ")");
        }
        if (body.meta().currentPage() != null && body.meta().currentPage() != page) {
            throw new AircallIncompleteListException("Aircall answered page " + body.meta().currentPage()
                    + " when page " + page + " was asked for");
        }
        if (body.calls().stream().anyMatch(call -> call.startedAt() == null)) {
            throw new AircallIncompleteListException("Aircall listed a call without started_at (page " + page + ")");
        }
        return body;
    }

    private static List<AircallCall> within(AircallCallsPage page, Instant from, Instant to) {
        return page.callsOrEmpty().stream()
                .filter(call -> !call.started().isBefore(from) && call.started().isBefore(to))
                .toList();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private <T> Uni<T> send(AircallCredentials credentials, AircallRequestStats stats, Supplier<Uni<Response>> request,
                            Function<Response, T> reader) {
        return attempt(credentials, stats, request, reader, 1, 0);
    }

    private <T> Uni<T> attempt(AircallCredentials credentials, AircallRequestStats stats,
                               Supplier<Uni<Response>> request, Function<Response, T> reader,
                               int attempt, int throttledInARow) {
        String company = credentials.companyKey();
        AircallRateLimiter.Reservation slot = limiter.reserve(company);
        Uni<Response> sent = (slot.delay().isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(slot.delay()))
                .invoke(slot.sending())
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
                // An incomplete list may be a passing hiccup of Aircall's edge: retried like an unreadable one.
                String why = unreadable instanceof AircallIncompleteListException ? unreadable.getMessage() : "unreadable answer";
                return retry(credentials, stats, request, reader, attempt, why, unreadable);
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
