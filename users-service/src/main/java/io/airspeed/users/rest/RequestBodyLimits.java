package io.airspeed.users.rest;

import io.airspeed.users.config.RequestLimitsConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Caps request bodies per kind of path before anything reads them: 413 with a problem document
 * when the declared {@code Content-Length} is over the cap. A body sent without a length
 * (chunked) is capped by the same number while it is read: Quarkus reads the limit for that
 * from the routing context key below and answers a bare 413 when it is passed.
 */
@ApplicationScoped
public class RequestBodyLimits {

    /** The key Quarkus' own body reading takes its limit from (see HttpServerCommonHandlers). */
    static final String QUARKUS_MAX_REQUEST_SIZE = "io.quarkus.max-request-size";

    /** Before Quarkus' global check (order -2), so that the answer is a problem document. */
    private static final int ORDER_CHECK_DECLARED_LENGTH = -3;
    /** After Quarkus' global check, which sets its own value under the same key. */
    private static final int ORDER_SET_STREAMING_LIMIT = -1;

    void install(@Observes Router router, RequestLimitsConfig limits) {
        long api = limits.apiMaxBodySize().asLongValue();
        long internal = limits.internalMaxBodySize().asLongValue();
        router.route().order(ORDER_CHECK_DECLARED_LENGTH).handler(ctx -> checkDeclaredLength(ctx, limitOf(ctx, api, internal)));
        router.route().order(ORDER_SET_STREAMING_LIMIT).handler(ctx -> {
            long limit = limitOf(ctx, api, internal);
            if (limit > 0) {
                ctx.put(QUARKUS_MAX_REQUEST_SIZE, limit);
            }
            ctx.next();
        });
    }

    private static long limitOf(RoutingContext ctx, long api, long internal) {
        String path = ctx.normalizedPath();
        if (path.startsWith("/api/")) {
            return api;
        }
        if (path.startsWith("/internal/")) {
            return internal;
        }
        return -1;
    }

    private static void checkDeclaredLength(RoutingContext ctx, long limit) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (limit > 0 && declared != null && tooLarge(declared, limit)) {
            Problem problem = new Problem("about:blank", "Payload Too Large", 413,
                    "The request body is larger than " + limit + " bytes, the most this endpoint accepts",
                    ctx.request().path(), null);
            // The body is not read; closing the connection spares reading what the client still sends.
            ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Json.encode(problem));
            return;
        }
        ctx.next();
    }

    private static boolean tooLarge(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x' HTTP codec refuses a malformed length itself
        }
    }
}
