package io.airspeed.aircall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.airspeed.aircall.simulator.SimulatorCounters;
import io.airspeed.aircall.simulator.SimulatorSettings;
import io.airspeed.aircall.simulator.company.CompanyCounters;
import io.airspeed.aircall.simulator.company.CredentialRegistry;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.CallFilter;
import io.airspeed.aircall.simulator.data.CompanyCallStore;
import io.airspeed.aircall.simulator.fault.FaultInjector;
import io.airspeed.aircall.simulator.json.AircallJsonWriter;
import io.airspeed.aircall.simulator.json.JsonOutput;
import io.airspeed.aircall.simulator.json.RenderContext;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.aircall.simulator.ratelimit.RateLimitDecision;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Aircall's Public API v1 under {@code /v1}. A request passes, in order: authentication (401/403),
 * injected latency and dropped connections, injected 429 storms, the company's rate limit, injected 500s,
 * then the endpoint itself (whose 200 body may be truncated by an injected fault).
 */
public final class AircallApiHandler implements HttpHandler {

    private static final Duration SHORT_URL_LIFETIME = Duration.ofHours(3);

    private final CredentialRegistry credentials;
    private final SimulatorSettings settings;
    private final FaultInjector globalFaults;
    private final SimulatorCounters counters;
    private final Clock clock;
    private final AircallJsonWriter writer;

    public AircallApiHandler(CredentialRegistry credentials, SimulatorSettings settings, FaultInjector globalFaults,
                             SimulatorCounters counters, Clock clock, AircallJsonWriter writer) {
        this.credentials = credentials;
        this.settings = settings;
        this.globalFaults = globalFaults;
        this.counters = counters;
        this.clock = clock;
        this.writer = writer;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (RuntimeException | IOException e) {
            try {
                HttpResponses.json(exchange, 500, AircallErrors.SERVER_ERROR);
            } catch (IOException | RuntimeException alreadyBroken) {
                exchange.close();
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException, InterruptedException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || authorization.isBlank()) {
            counters.unauthorized();
            HttpResponses.json(exchange, 401, AircallErrors.UNAUTHORIZED);
            return;
        }
        SimulatedCompany company = credentials.authenticate(authorization);
        if (company == null) {
            counters.forbidden();
            HttpResponses.json(exchange, 403, AircallErrors.FORBIDDEN);
            return;
        }
        CompanyCounters meter = company.meter();
        FaultInjector faults = company.faults();
        meter.request();

        long delay = globalFaults.takeLatencyMillis() + faults.takeLatencyMillis();
        if (delay > 0) {
            Thread.sleep(delay);
        }
        if (globalFaults.takeDroppedConnection() || faults.takeDroppedConnection()) {
            meter.droppedConnection();
            HttpResponses.dropConnection(exchange);
            return;
        }
        long nowMillis = clock.millis();
        if (globalFaults.takeRateLimitStorm() || faults.takeRateLimitStorm()) {
            meter.rateLimited();
            tooManyRequests(exchange, company.rateLimiter().exhausted(nowMillis));
            return;
        }
        RateLimitDecision decision = settings.unthrottled()
                ? RateLimitDecision.UNTHROTTLED : company.rateLimiter().acquire(nowMillis);
        if (!decision.allowed()) {
            meter.rateLimited();
            tooManyRequests(exchange, decision);
            return;
        }
        if (globalFaults.takeServerError() || faults.takeServerError()) {
            meter.serverError();
            HttpResponses.json(exchange, 500, AircallErrors.SERVER_ERROR);
            return;
        }
        if (decision.throttled() && settings.rateLimitHeadersOnSuccess()) {
            rateLimitHeaders(exchange, decision);
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            HttpResponses.json(exchange, 405, AircallErrors.METHOD_NOT_ALLOWED);
            return;
        }

        JsonOutput out = JsonOutput.forThisThread();
        int status;
        try {
            status = route(exchange, company, out, nowMillis);
        } catch (BadRequestException bad) {
            meter.badRequest();
            out = JsonOutput.forThisThread();
            out.ascii(AircallErrors.badRequest(bad.getMessage()));
            status = 400;
        }
        if (status == 404) {
            meter.notFound();
        }
        if (status == 200 && (globalFaults.takeMalformedJson() || faults.takeMalformedJson())) {
            meter.malformedResponse();
            out.truncate(out.length() / 2);
        }
        HttpResponses.json(exchange, status, out);
    }

    private int route(HttpExchange exchange, SimulatedCompany company, JsonOutput out, long nowMillis) {
        String path = exchange.getRequestURI().getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        QueryParameters params = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
        switch (path) {
            case "/v1/ping":
                out.ascii("{\"ping\":\"pong\"}");
                return 200;
            case "/v1/calls":
                return listCalls(exchange, company, path, params, false, out, nowMillis);
            case "/v1/calls/search":
                return listCalls(exchange, company, path, params, true, out, nowMillis);
            case "/v1/users":
                return listUsers(exchange, company, path, params, out);
            default:
                break;
        }
        if (path.startsWith("/v1/calls/")) {
            Long id = parseId(path.substring("/v1/calls/".length()));
            SimulatedCall call = id == null ? null : company.call(id);
            if (call == null) {
                out.ascii(AircallErrors.notFound("Call not found, check the id of the call"));
                return 404;
            }
            out.ascii("{\"call\":");
            writer.call(out, call, renderContext(exchange, nowMillis, params));
            out.ch('}');
            return 200;
        }
        if (path.startsWith("/v1/users/")) {
            Long id = parseId(path.substring("/v1/users/".length()));
            SimulatedUser user = id == null ? null : company.users().find(id);
            if (user == null) {
                out.ascii(AircallErrors.notFound("User not found, check the id of the user"));
                return 404;
            }
            out.ascii("{\"user\":");
            writer.user(out, user);
            out.ch('}');
            return 200;
        }
        out.ascii(AircallErrors.notFound("Unknown endpoint " + path));
        return 404;
    }

    private int listCalls(HttpExchange exchange, SimulatedCompany company, String path, QueryParameters params,
                          boolean search, JsonOutput out, long nowMillis) {
        ListQuery q = ListQuery.parse(params, search);
        requireUnderCap(q);
        if (globalFaults.takeListNotFound() || company.faults().takeListNotFound()) {
            out.ascii(AircallErrors.notFound("Unknown endpoint " + path));
            return 404;
        }
        boolean withoutMeta = globalFaults.takeListWithoutMeta() || company.faults().takeListWithoutMeta();
        boolean withoutCalls = !withoutMeta
                && (globalFaults.takeListWithoutCalls() || company.faults().takeListWithoutCalls());
        CompanyCallStore store = company.calls();
        long lo = q.from() == null ? 0
                : store.countStartedBefore(settings.fromInclusive() ? q.from() : q.from() + 1);
        long hi = q.to() == null ? store.size()
                : store.countStartedBefore(settings.toInclusive() ? q.to() + 1 : q.to());
        hi = Math.max(lo, hi);
        long offset = (long) (q.page() - 1) * q.perPage();
        RenderContext ctx = renderContext(exchange, nowMillis, q.fetchShortUrls());

        out.ascii("{\"calls\":[");
        long total;
        int count = 0;
        CallFilter filter = q.filter();
        if (filter.isEmpty()) {
            total = hi - lo;
            long n = Math.max(0, Math.min(q.perPage(), total - offset));
            for (long k = 0; k < n; k++) {
                long index = q.descending() ? hi - 1 - offset - k : lo + offset + k;
                if (count++ > 0) {
                    out.ch(',');
                }
                writer.call(out, store.get(index), ctx);
            }
        } else {
            total = 0;
            for (long k = 0; k < hi - lo; k++) {
                SimulatedCall call = store.get(q.descending() ? hi - 1 - k : lo + k);
                if (!filter.matches(call)) {
                    continue;
                }
                if (total >= offset && count < q.perPage()) {
                    if (count++ > 0) {
                        out.ch(',');
                    }
                    writer.call(out, call, ctx);
                }
                total++;
            }
        }
        if (withoutMeta) {
            out.ascii("]}");
            company.meter().malformedResponse();
        } else if (withoutCalls) {
            out.truncate(0);
            out.ascii("{\"meta\":");
            meta(out, exchange, path, params, q, count, total);
            out.ch('}');
            company.meter().malformedResponse();
        } else {
            out.ascii("],\"meta\":");
            meta(out, exchange, path, params, q, count, total);
            out.ch('}');
        }
        company.meter().page(withoutCalls ? 0 : count);
        return 200;
    }

    private int listUsers(HttpExchange exchange, SimulatedCompany company, String path, QueryParameters params,
                          JsonOutput out) {
        ListQuery q = ListQuery.parse(params, false);
        requireUnderCap(q);
        List<SimulatedUser> users = company.users().all();
        long offset = (long) (q.page() - 1) * q.perPage();
        long total = users.size();
        int n = (int) Math.max(0, Math.min(q.perPage(), total - offset));
        out.ascii("{\"users\":[");
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                out.ch(',');
            }
            int index = (int) (q.descending() ? total - 1 - offset - k : offset + k);
            writer.user(out, users.get(index));
        }
        out.ascii("],\"meta\":");
        meta(out, exchange, path, params, q, n, total);
        out.ch('}');
        return 200;
    }

    private void requireUnderCap(ListQuery q) {
        if ((long) q.page() * q.perPage() > settings.paginationCap()) {
            throw new BadRequestException(AircallErrors.TEN_K_MESSAGE);
        }
    }

    private void meta(JsonOutput out, HttpExchange exchange, String path, QueryParameters params, ListQuery q,
                      int count, long total) {
        long offset = (long) (q.page() - 1) * q.perPage();
        String base = baseUrl(exchange) + path + '?';
        out.ascii("{\"count\":").number(count)
                .ascii(",\"total\":").number(total)
                .ascii(",\"current_page\":").number(q.page())
                .ascii(",\"per_page\":").number(q.perPage())
                .ascii(",\"next_page_link\":");
        if (offset + count < total) {
            out.string(base + params.withPage(q.page() + 1L));
        } else {
            out.nul();
        }
        out.ascii(",\"previous_page_link\":");
        if (q.page() > 1) {
            out.string(base + params.withPage(q.page() - 1L));
        } else {
            out.nul();
        }
        out.ch('}');
    }

    private RenderContext renderContext(HttpExchange exchange, long nowMillis, QueryParameters params) {
        return renderContext(exchange, nowMillis, "true".equalsIgnoreCase(params.first("fetch_short_urls")));
    }

    private RenderContext renderContext(HttpExchange exchange, long nowMillis, boolean shortUrls) {
        long expires = ceilSeconds(nowMillis + settings.recordingUrlLifetime().toMillis());
        long shortExpires = shortUrls ? ceilSeconds(nowMillis + SHORT_URL_LIFETIME.toMillis()) : 0;
        return new RenderContext(baseUrl(exchange), Math.floorDiv(nowMillis, 1000), expires, shortExpires);
    }

    private static long ceilSeconds(long millis) {
        return Math.floorDiv(millis + 999, 1000);
    }

    private String baseUrl(HttpExchange exchange) {
        return BaseUrls.of(exchange, settings);
    }

    private static Long parseId(String segment) {
        try {
            return Long.parseLong(segment);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void rateLimitHeaders(HttpExchange exchange, RateLimitDecision decision) {
        var headers = exchange.getResponseHeaders();
        headers.set("X-AircallApi-Limit", Integer.toString(decision.limit()));
        headers.set("X-AircallApi-Remaining", Integer.toString(decision.remaining()));
        headers.set("X-AircallApi-Reset", Long.toString(decision.resetEpochSecond()));
    }

    private static void tooManyRequests(HttpExchange exchange, RateLimitDecision decision) throws IOException {
        rateLimitHeaders(exchange, decision);
        HttpResponses.json(exchange, 429, AircallErrors.TOO_MANY_REQUESTS);
    }
}
