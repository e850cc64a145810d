package io.airspeed.aircall.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.airspeed.aircall.simulator.AircallSimulator;
import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.aircall.simulator.fault.FaultInjector;
import io.airspeed.aircall.simulator.fault.FaultKind;
import io.airspeed.aircall.simulator.json.AircallJsonWriter;
import io.airspeed.aircall.simulator.json.JsonOutput;
import io.airspeed.aircall.simulator.json.RenderContext;
import io.airspeed.aircall.simulator.model.SimulatedCall;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The simulator's own control API under {@code /_simulator} (not part of Aircall's API, no credentials):
 * data, credentials, rate limits, faults, counters and settings. Every endpoint delegates to a public
 * Java method, so embedded tests can do the same without HTTP. Endpoints are listed in the README.
 */
public final class ControlApiHandler implements HttpHandler {

    private final AircallSimulator simulator;
    private final AircallJsonWriter writer;

    public ControlApiHandler(AircallSimulator simulator, AircallJsonWriter writer) {
        this.simulator = simulator;
        this.writer = writer;
    }

    /** A response body already rendered as JSON (Aircall-shaped calls). */
    private record RawJson(String json) {
    }

    private record Reply(int status, Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            reply = route(exchange);
        } catch (NoSuchElementException e) {
            reply = new Reply(404, error(e.getMessage()));
        } catch (IllegalStateException e) {
            reply = new Reply(409, error(e.getMessage()));
        } catch (IllegalArgumentException | JsonProcessingException | DateTimeException e) {
            String message = e.getMessage();
            boolean conflict = message != null && (message.contains("already exists") || message.contains("already belongs"));
            reply = new Reply(conflict ? 409 : 400, error(message));
        } catch (RuntimeException e) {
            reply = new Reply(500, error(e.toString()));
        }
        if (reply.body == null) {
            HttpResponses.send(exchange, reply.status, HttpResponses.JSON, new byte[0], 0);
        } else if (reply.body instanceof RawJson raw) {
            HttpResponses.json(exchange, reply.status, raw.json);
        } else {
            byte[] bytes = ControlJson.MAPPER.writeValueAsBytes(reply.body);
            HttpResponses.send(exchange, reply.status, HttpResponses.JSON, bytes, bytes.length);
        }
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message == null ? "error" : message);
    }

    private Reply route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        JsonNode body = readBody(exchange);
        String first = path.isEmpty() ? "" : path.get(0);
        switch (first) {
            case "":
                return Reply.ok(endpoints());
            case "settings":
                if (method.equals("PATCH") || method.equals("PUT")) {
                    ControlJson.applySettings(simulator.settings(), body);
                } else {
                    requireMethod(method, "GET");
                }
                return Reply.ok(ControlJson.settings(simulator.settings()));
            case "counters":
                if (path.size() == 2 && path.get(1).equals("reset") || path.size() == 1 && method.equals("DELETE")) {
                    requireMethod(method, path.size() == 1 ? "DELETE" : "POST");
                    simulator.resetCounters();
                    return new Reply(204, null);
                }
                requireMethod(method, "GET");
                return Reply.ok(allCounters());
            case "faults":
                return faults(method, body);
            case "companies":
                return companies(exchange, method, path, body);
            default:
                throw new NoSuchElementException("unknown control endpoint " + exchange.getRequestURI().getPath());
        }
    }

    private Reply faults(String method, JsonNode body) {
        if (method.equals("DELETE")) {
            simulator.clearFaults();
            return new Reply(204, null);
        }
        if (method.equals("POST")) {
            FaultInjector target = body.hasNonNull("company")
                    ? simulator.company(body.get("company").asText()).faults() : simulator.faults();
            inject(target, body);
            return Reply.ok(ControlJson.faults(target.pending()));
        }
        requireMethod(method, "GET");
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("global", ControlJson.faults(simulator.faults().pending()));
        Map<String, Object> perCompany = new LinkedHashMap<>();
        simulator.companies().forEach(c -> perCompany.put(c.id(), ControlJson.faults(c.faults().pending())));
        all.put("companies", perCompany);
        return Reply.ok(all);
    }

    private static void inject(FaultInjector target, JsonNode body) {
        if (!body.hasNonNull("kind")) {
            throw new IllegalArgumentException("kind is required: " + Arrays.toString(FaultKind.values()));
        }
        FaultKind kind = FaultKind.fromName(body.get("kind").asText());
        int count = body.path("count").asInt(kind == FaultKind.LATENCY ? -1 : 1);
        Duration latency = Duration.ofMillis(body.path("latency_millis").asLong(0));
        target.inject(kind, count, latency);
    }

    private Reply companies(HttpExchange exchange, String method, List<String> path, JsonNode body) {
        if (path.size() == 1) {
            if (method.equals("POST")) {
                return new Reply(201, ControlJson.company(simulator.addCompany(companySpec(body))));
            }
            requireMethod(method, "GET");
            return Reply.ok(simulator.companies().stream().map(ControlJson::company).toList());
        }
        SimulatedCompany company = simulator.company(path.get(1));
        String resource = path.size() > 2 ? path.get(2) : "";
        switch (resource) {
            case "":
                if (method.equals("DELETE")) {
                    simulator.removeCompany(company.id());
                    return new Reply(204, null);
                }
                requireMethod(method, "GET");
                return Reply.ok(ControlJson.company(company));
            case "scenarios":
                requireMethod(method, "GET");
                return Reply.ok(company.scenarios().stream().map(ControlJson::scenario).toList());
            case "users":
                requireMethod(method, "POST");
                company.addUser(ControlCallBodies.newUser(body));
                return new Reply(201, ControlJson.company(company));
            case "calls":
                return calls(exchange, method, path, body, company);
            case "rate-limit":
                if (method.equals("PUT") || method.equals("POST")) {
                    company.setRateLimit(ControlJson.rateLimit(body));
                } else {
                    requireMethod(method, "GET");
                }
                return Reply.ok(ControlJson.rateLimit(company.rateLimit()));
            case "credentials":
                requireMethod(method, "POST");
                String action = path.size() > 3 ? path.get(3) : "";
                if (action.equals("rotate")) {
                    company.rotateCredentials(body.path("api_id").asText(null), body.path("api_token").asText(null));
                } else if (action.equals("revoke")) {
                    company.revokeCredentials();
                } else {
                    throw new NoSuchElementException("use credentials/rotate or credentials/revoke");
                }
                return Reply.ok(ControlJson.company(company));
            case "bearer-tokens":
                if (method.equals("DELETE") && path.size() == 4) {
                    company.revokeBearerToken(path.get(3));
                    return Reply.ok(ControlJson.company(company));
                }
                requireMethod(method, "POST");
                company.addBearerToken(body.path("token").asText(null));
                return new Reply(201, ControlJson.company(company));
            case "counters":
                if (method.equals("DELETE")) {
                    company.resetCounters();
                    return new Reply(204, null);
                }
                requireMethod(method, "GET");
                return Reply.ok(ControlJson.counters(company.counters()));
            case "faults":
                if (method.equals("DELETE")) {
                    company.faults().clear();
                    return new Reply(204, null);
                }
                if (method.equals("POST")) {
                    inject(company.faults(), body);
                } else {
                    requireMethod(method, "GET");
                }
                return Reply.ok(ControlJson.faults(company.faults().pending()));
            default:
                throw new NoSuchElementException("unknown company resource " + resource);
        }
    }

    private Reply calls(HttpExchange exchange, String method, List<String> path, JsonNode body,
                        SimulatedCompany company) {
        if (path.size() == 3) {
            requireMethod(method, "POST");
            SimulatedCall call = company.addCall(ControlCallBodies.newCall(company, body));
            return new Reply(201, rendered(exchange, call));
        }
        long callId;
        try {
            callId = Long.parseLong(path.get(3));
        } catch (NumberFormatException e) {
            throw new NoSuchElementException("no call " + path.get(3));
        }
        String action = path.size() > 4 ? path.get(4) : "";
        SimulatedCall result;
        switch (action) {
            case "":
                if (method.equals("DELETE")) {
                    company.removeCall(callId);
                    return new Reply(204, null);
                }
                if (method.equals("GET")) {
                    result = company.call(callId);
                    if (result == null) {
                        throw new NoSuchElementException("no call " + callId);
                    }
                } else {
                    requireMethod(method, "PATCH");
                    result = company.updateCall(callId, c ->
                            ControlCallBodies.apply(company, c.toBuilder(), body, c.startedAt()));
                }
                break;
            case "finish":
                requireMethod(method, "POST");
                Instant endedAt = body.hasNonNull("ended_at")
                        ? ControlJson.instant(body.get("ended_at")) : simulator.clock().instant();
                Duration delay = body.has("recording_delay_seconds")
                        ? (body.get("recording_delay_seconds").isNull() ? null
                        : Duration.ofSeconds(body.get("recording_delay_seconds").asLong()))
                        : Duration.ZERO;
                result = company.finishCall(callId, endedAt, delay);
                break;
            case "recording":
                requireMethod(method, "POST");
                result = company.attachRecordingNow(callId);
                break;
            default:
                throw new NoSuchElementException("unknown call action " + action);
        }
        return Reply.ok(rendered(exchange, result));
    }

    private RawJson rendered(HttpExchange exchange, SimulatedCall call) {
        long nowMillis = simulator.clock().millis();
        long expires = Math.floorDiv(nowMillis + simulator.settings().recordingUrlLifetime().toMillis() + 999, 1000);
        JsonOutput out = new JsonOutput(2048);
        out.ascii("{\"call\":");
        writer.call(out, call, new RenderContext(BaseUrls.of(exchange, simulator.settings()),
                Math.floorDiv(nowMillis, 1000), expires, 0));
        out.ascii(",\"scenario\":").stringOrNull(call.scenario())
                .ascii(",\"recording_available_at\":").numberOrNull(call.recordingAvailableAt())
                .ch('}');
        return new RawJson(out.toString());
    }

    private CompanySpec companySpec(JsonNode body) {
        String id = body.path("id").asText(null);
        String dataset = body.path("dataset").asText("empty");
        long seed = body.path("seed").asLong(simulator.seed());
        Instant anchor = body.hasNonNull("anchor") ? ControlJson.instant(body.get("anchor")) : simulator.anchor();
        CompanySpec.Builder b;
        switch (dataset) {
            case "demo" -> b = DemoCompany.spec(anchor, seed).toBuilder().credentials(null, null);
            case "load" -> {
                JsonNode load = body.path("load");
                LoadDataSet.Builder lb = LoadDataSet.builder().anchor(anchor).seed(seed)
                        .calls(load.path("calls").asLong(100_000))
                        .users(load.path("users").asInt(50));
                if (load.hasNonNull("from") && load.hasNonNull("to")) {
                    lb.range(ControlJson.instant(load.get("from")), ControlJson.instant(load.get("to")));
                }
                if (load.hasNonNull("first_call_id")) {
                    lb.firstCallId(load.get("first_call_id").asLong());
                }
                if (load.hasNonNull("first_user_id")) {
                    lb.firstUserId(load.get("first_user_id").asLong());
                }
                b = lb.build().spec().toBuilder().credentials(null, null);
            }
            case "empty" -> b = CompanySpec.builder(id);
            default -> throw new IllegalArgumentException("dataset must be empty, demo or load");
        }
        if (id == null) {
            throw new IllegalArgumentException("id is required");
        }
        b.id(id).name(body.path("name").asText(id));
        if (body.hasNonNull("api_id") || body.hasNonNull("api_token")) {
            b.credentials(body.path("api_id").asText(null), body.path("api_token").asText(null));
        }
        for (JsonNode token : body.path("bearer_tokens")) {
            b.bearerToken(token.asText());
        }
        if (body.hasNonNull("rate_limit")) {
            b.rateLimit(ControlJson.rateLimit(body.get("rate_limit")));
        }
        return b.build();
    }

    private Map<String, Object> allCounters() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("global", ControlJson.counters(simulator.counters()));
        Map<String, Object> perCompany = new LinkedHashMap<>();
        simulator.companyCounters().forEach((id, snapshot) -> perCompany.put(id, ControlJson.counters(snapshot)));
        all.put("companies", perCompany);
        return all;
    }

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new IllegalArgumentException("use " + expected + " on this endpoint");
        }
    }

    private static List<String> segments(String rawPath) {
        String rest = rawPath.substring("/_simulator".length());
        List<String> segments = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        return ControlJson.MAPPER.readTree(bytes);
    }

    private static List<String> endpoints() {
        return List.of(
                "GET /_simulator",
                "GET|PATCH /_simulator/settings",
                "GET /_simulator/counters", "POST /_simulator/counters/reset",
                "GET|POST|DELETE /_simulator/faults",
                "GET|POST /_simulator/companies",
                "GET|DELETE /_simulator/companies/{company}",
                "GET /_simulator/companies/{company}/scenarios",
                "POST /_simulator/companies/{company}/users",
                "POST /_simulator/companies/{company}/calls",
                "GET|PATCH /_simulator/companies/{company}/calls/{id}",
                "POST /_simulator/companies/{company}/calls/{id}/finish",
                "POST /_simulator/companies/{company}/calls/{id}/recording",
                "GET|PUT /_simulator/companies/{company}/rate-limit",
                "POST /_simulator/companies/{company}/credentials/rotate",
                "POST /_simulator/companies/{company}/credentials/revoke",
                "POST /_simulator/companies/{company}/bearer-tokens",
                "DELETE /_simulator/companies/{company}/bearer-tokens/{token}",
                "GET|DELETE /_simulator/companies/{company}/counters",
                "GET|POST|DELETE /_simulator/companies/{company}/faults");
    }
}
