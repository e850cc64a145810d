package io.airspeed.aircall.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airspeed.aircall.simulator.SimulatorCounters;
import io.airspeed.aircall.simulator.SimulatorSettings;
import io.airspeed.aircall.simulator.company.CounterSnapshot;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.ScenarioCall;
import io.airspeed.aircall.simulator.fault.PendingFaults;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Control-API bodies (snake_case) to and from the simulator's Java types. */
final class ControlJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ControlJson() {
    }

    static Map<String, Object> company(SimulatedCompany c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("api_id", c.apiId());
        m.put("api_token", c.apiToken());
        m.put("bearer_tokens", c.bearerTokens());
        m.put("rate_limit", rateLimit(c.rateLimit()));
        m.put("calls", c.calls().size());
        m.put("users", c.users().all().size());
        m.put("scenarios", c.scenarios().size());
        return m;
    }

    static Map<String, Object> rateLimit(RateLimit limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", limit.requests());
        m.put("window_millis", limit.window().toMillis());
        m.put("unlimited", limit.unlimited());
        return m;
    }

    static RateLimit rateLimit(JsonNode node) {
        int requests = node.path("requests").asInt(-1);
        if (requests < 0) {
            throw new IllegalArgumentException("rate_limit.requests is required (0 means unthrottled)");
        }
        Duration window;
        if (node.hasNonNull("window_millis")) {
            window = Duration.ofMillis(node.get("window_millis").asLong());
        } else {
            window = Duration.ofSeconds(node.path("window_seconds").asLong(60));
        }
        return new RateLimit(requests, window);
    }

    static Map<String, Object> counters(CounterSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", s.requests());
        m.put("rate_limited", s.rateLimited());
        m.put("server_errors", s.serverErrors());
        m.put("pages_served", s.pagesServed());
        m.put("calls_served", s.callsServed());
        m.put("bad_requests", s.badRequests());
        m.put("not_found", s.notFound());
        m.put("malformed_responses", s.malformedResponses());
        m.put("dropped_connections", s.droppedConnections());
        return m;
    }

    static Map<String, Object> counters(SimulatorCounters.Snapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unauthorized", s.unauthorized());
        m.put("forbidden", s.forbidden());
        m.put("media_served", s.mediaServed());
        m.put("media_refused", s.mediaRefused());
        return m;
    }

    static Map<String, Object> faults(PendingFaults f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server_error", f.serverErrors());
        m.put("rate_limit_storm", f.rateLimitStorm());
        m.put("malformed_json", f.malformedJson());
        m.put("drop_connection", f.droppedConnections());
        m.put("latency_millis", f.latencyMillis());
        m.put("latency_requests", f.latencyRequests());
        m.put("list_not_found", f.listNotFound());
        m.put("list_without_meta", f.listWithoutMeta());
        m.put("list_without_calls", f.listWithoutCalls());
        return m;
    }

    static Map<String, Object> scenario(ScenarioCall s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("call_id", s.callId());
        m.put("scenario", s.scenario());
        m.put("rule", s.rule());
        m.put("expected_outcome", s.expectedOutcome());
        return m;
    }

    static Map<String, Object> settings(SimulatorSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from_inclusive", s.fromInclusive());
        m.put("to_inclusive", s.toInclusive());
        m.put("rate_limit_headers_on_success", s.rateLimitHeadersOnSuccess());
        m.put("unthrottled", s.unthrottled());
        m.put("recording_url_lifetime_seconds", s.recordingUrlLifetime().toMillis() / 1000.0);
        m.put("pagination_cap", s.paginationCap());
        m.put("default_rate_limit", rateLimit(s.defaultRateLimit()));
        m.put("public_base_url", s.publicBaseUrl());
        return m;
    }

    static void applySettings(SimulatorSettings s, JsonNode body) {
        if (body.has("from_inclusive")) {
            s.fromInclusive(body.get("from_inclusive").asBoolean());
        }
        if (body.has("to_inclusive")) {
            s.toInclusive(body.get("to_inclusive").asBoolean());
        }
        if (body.has("rate_limit_headers_on_success")) {
            s.rateLimitHeadersOnSuccess(body.get("rate_limit_headers_on_success").asBoolean());
        }
        if (body.has("unthrottled")) {
            s.unthrottled(body.get("unthrottled").asBoolean());
        }
        if (body.has("recording_url_lifetime_seconds")) {
            s.recordingUrlLifetime(Duration.ofMillis(
                    Math.round(body.get("recording_url_lifetime_seconds").asDouble() * 1000)));
        }
        if (body.has("pagination_cap")) {
            s.paginationCap(body.get("pagination_cap").asInt());
        }
        if (body.has("default_rate_limit")) {
            s.defaultRateLimit(rateLimit(body.get("default_rate_limit")));
        }
        if (body.has("public_base_url")) {
            s.publicBaseUrl(body.get("public_base_url").isNull() ? null : body.get("public_base_url").asText());
        }
    }

    /** UNIX seconds, or an ISO-8601 instant. */
    static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochSecond(node.asLong());
        }
        return Instant.parse(node.asText());
    }

    static Long epochSecondOrNull(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : instant(node).getEpochSecond();
    }
}
