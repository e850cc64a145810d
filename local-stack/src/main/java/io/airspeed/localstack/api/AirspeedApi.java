package io.airspeed.localstack.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Airspeed endpoints the local stack, the system tests and the benchmarks drive, over real
 * HTTP. Paths and bodies are those of the product spec; each method fails with the service's
 * problem body when the status is not the documented one.
 */
public final class AirspeedApi {

    public static final int MAX_PAGE_SIZE = 200;

    private final ApiClient http;
    private final DevTokens tokens;
    private final String usersUrl;
    private final String ingestUrl;
    private final String visibilityUrl;

    public AirspeedApi(ApiClient http, DevTokens tokens, String usersUrl, String ingestUrl, String visibilityUrl) {
        this.http = http;
        this.tokens = tokens;
        this.usersUrl = usersUrl;
        this.ingestUrl = ingestUrl;
        this.visibilityUrl = visibilityUrl;
    }

    public record CreatedOrg(UUID orgId, UUID adminUserId, String adminEmail) {
    }

    // --- users-service -------------------------------------------------------------------------

    /** Bootstraps an org and its first admin (RECORDING seat) with a service token. */
    public CreatedOrg createOrg(String name, String adminEmail, String adminName) {
        JsonNode body = http.post(usersUrl + "/internal/orgs", tokens.service(),
                Map.of("name", name, "admin", Map.of("email", adminEmail, "name", adminName))).expect(201).body();
        return new CreatedOrg(uuid(body, "id"), uuid(body, "adminUserId"), adminEmail);
    }

    public UUID createUser(String adminToken, String email, String name, String role, String seat) {
        JsonNode body = http.post(usersUrl + "/api/users", adminToken,
                Map.of("email", email, "name", name, "role", role, "seat", seat)).expect(201).body();
        return uuid(body, "id");
    }

    public void linkAircallIdentity(String adminToken, UUID userId, String kind, String value) {
        http.post(usersUrl + "/api/users/" + userId + "/aircall-identities", adminToken, Map.of("kind", kind, "value", value))
                .expect(201);
    }

    /** Deactivates (users-service keeps the user, inactive). */
    public void deactivateUser(String adminToken, UUID userId) {
        http.delete(usersUrl + "/api/users/" + userId, adminToken).expect(200, 204);
    }

    // --- ingest-service ------------------------------------------------------------------------

    public JsonNode connectAircall(String adminToken, String apiId, String apiToken) {
        return http.put(ingestUrl + "/api/integrations/aircall", adminToken, Map.of("apiId", apiId, "apiToken", apiToken))
                .expect(200).body();
    }

    /** 202 with the backfill's run view. */
    public ApiResponse startBackfill(String adminToken, Instant from, Instant to) {
        return http.post(ingestUrl + "/api/backfills", adminToken, Map.of("from", from.toString(), "to", to.toString()));
    }

    public JsonNode backfill(String adminToken, UUID backfillId) {
        return http.get(ingestUrl + "/api/backfills/" + backfillId, adminToken).expect(200).body();
    }

    /**
     * Waits until users-service has delivered every roster change of the admin's org (none is
     * PENDING): a change that reaches ingest-service while a run goes queues a replay after it, so
     * a scenario that counts its runs lets the feed settle before it connects Aircall.
     */
    public void awaitRosterChangesDelivered(String adminToken, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode pending = http.get(usersUrl + "/api/roster-changes?status=PENDING&page=0&size=1", adminToken)
                    .expect(200).body();
            if (pending.path("totalItems").asLong() == 0) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Roster changes still undelivered after " + timeout + ": " + pending);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** Polls the backfill until it has finished (a queued run has not started yet). */
    public JsonNode awaitBackfill(String adminToken, UUID backfillId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode run = backfill(adminToken, backfillId);
            if (isFinished(run)) {
                return run;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Backfill " + backfillId + " still running after " + timeout + ": " + run);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** A run is over once SUCCEEDED or FAILED; QUEUED and RUNNING are still to come. */
    public static boolean isFinished(JsonNode run) {
        String status = run.path("status").asText();
        return status.equals("SUCCEEDED") || status.equals("FAILED");
    }

    /** Starts the backfill and waits for it to finish; fails unless it SUCCEEDED. */
    public JsonNode backfillAndWait(String adminToken, Instant from, Instant to, Duration timeout) {
        UUID id = uuid(startBackfill(adminToken, from, to).expect(202).body(), "id");
        JsonNode finished = awaitBackfill(adminToken, id, timeout);
        if (!"SUCCEEDED".equals(finished.path("status").asText())) {
            throw new IllegalStateException("Backfill " + id + " ended " + finished.path("status").asText() + ": " + finished);
        }
        return finished;
    }

    /** {@code POST /api/ingestion/runs} as it answers: 202 without wait; 200/502/202 with wait. */
    public ApiResponse triggerRun(String token, boolean wait) {
        return http.post(ingestUrl + "/api/ingestion/runs" + (wait ? "?wait=true" : ""), token, null);
    }

    /** Runs ingestion for the admin's org, waits for it, and answers the finished run's view; fails unless 200. */
    public JsonNode runIngestion(String adminToken) {
        JsonNode runs = triggerRun(adminToken, true).expect(200).body().path("runs");
        return run(adminToken, uuid(runs.get(0), "id"));
    }

    public JsonNode run(String token, UUID runId) {
        return http.get(ingestUrl + "/api/ingestion/runs/" + runId, token).expect(200).body();
    }

    public JsonNode integration(String adminToken) {
        return http.get(ingestUrl + "/api/integrations/aircall", adminToken).expect(200).body();
    }

    /** One page of the decision log; filters are the API's query parameters (outcome, reason, aircallCallId, ...). */
    public JsonNode decisions(String adminToken, Map<String, String> filters, int page, int size) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("page", Integer.toString(page));
        query.put("size", Integer.toString(size));
        return http.get(ingestUrl + "/api/ingestion/decisions" + queryString(query), adminToken).expect(200).body();
    }

    /** One page of the decision log after {@code cursor} (null: the first page). */
    public JsonNode decisionsAfter(String adminToken, Map<String, String> filters, String cursor, int size) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        query.put("size", Integer.toString(size));
        return http.get(ingestUrl + "/api/ingestion/decisions" + queryString(query), adminToken).expect(200).body();
    }

    /** Every decision matching the filters, newest first, page after page by cursor. */
    public List<JsonNode> allDecisions(String adminToken, Map<String, String> filters) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode body = decisionsAfter(adminToken, filters, cursor, MAX_PAGE_SIZE);
            body.path("items").forEach(all::add);
            cursor = body.path("nextCursor").isTextual() ? body.path("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    /** How many decisions match: the log's total while it is exact (up to 10,000), else counted page by page. */
    public long decisionCount(String adminToken, Map<String, String> filters) {
        JsonNode total = decisionsAfter(adminToken, filters, null, 1).path("total");
        return total.path("exact").asBoolean() ? total.path("value").asLong() : allDecisions(adminToken, filters).size();
    }

    /** The current decision about one Aircall call, if ingestion ever saw it. */
    public Optional<JsonNode> decision(String adminToken, long aircallCallId) {
        JsonNode items = decisions(adminToken, Map.of("aircallCallId", Long.toString(aircallCallId)), 0, 10).path("items");
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    // --- visibility-service --------------------------------------------------------------------

    /**
     * One page of {@code GET /api/calls}: the calls the token's user may see, newest first, from the
     * top ({@code cursor} null) or after the previous page's {@code nextCursor}.
     */
    public JsonNode calls(String token, String cursor, int size) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("size", Integer.toString(size));
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        return http.get(visibilityUrl + "/api/calls" + queryString(query), token).expect(200).body();
    }

    public List<JsonNode> allCalls(String token) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode body = calls(token, cursor, MAX_PAGE_SIZE);
            body.path("items").forEach(all::add);
            cursor = body.path("nextCursor").isTextual() ? body.path("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    /** How many calls the user may see; exact up to 10,000, and refused above, where the API only gives a bound. */
    public long callCount(String token) {
        JsonNode total = calls(token, null, 1).path("total");
        if (!total.path("exact").asBoolean()) {
            throw new IllegalStateException("More than " + total.path("value").asLong() + " calls: the API gives no exact count");
        }
        return total.path("value").asLong();
    }

    /** {@code GET /api/calls/{id}} as it answers (404 when the caller may not see it). */
    public ApiResponse call(String token, UUID callId) {
        return http.get(visibilityUrl + "/api/calls/" + callId, token);
    }

    public ApiResponse changeVisibility(String token, UUID callId, String visibility) {
        return http.patch(visibilityUrl + "/api/calls/" + callId + "/visibility", token, Map.of("visibility", visibility));
    }

    /** "Why is my call missing?" as the caller of {@code token} asks it. */
    public ApiResponse diagnose(String token, Map<String, Object> question) {
        return http.post(ingestUrl + "/api/diagnostics/missing-call", token, question);
    }

    /** The internal access check the diagnosis uses: was this Aircall call imported, may this user see it. */
    public JsonNode access(UUID orgId, long aircallCallId, UUID userId) {
        return http.get(visibilityUrl + "/internal/orgs/" + orgId + "/calls/by-aircall-id/" + aircallCallId
                + "/access?userId=" + userId, tokens.service()).expect(200).body();
    }

    // -------------------------------------------------------------------------------------------

    public ApiClient http() {
        return http;
    }

    public DevTokens tokens() {
        return tokens;
    }

    public String usersUrl() {
        return usersUrl;
    }

    public String ingestUrl() {
        return ingestUrl;
    }

    public String visibilityUrl() {
        return visibilityUrl;
    }

    public static UUID uuid(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalStateException("No " + field + " in " + node);
        }
        return UUID.fromString(value.asText());
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
