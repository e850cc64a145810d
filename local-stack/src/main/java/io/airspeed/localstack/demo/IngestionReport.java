package io.airspeed.localstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.ScenarioCall;
import io.airspeed.localstack.api.AirspeedApi;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The text the local stack prints after its ingestion: what was imported and what was skipped,
 * per reason, with a few example calls and the rule of the customer-facing article behind each,
 * then who sees which calls. Everything comes from the services' APIs, nothing from their databases.
 */
public final class IngestionReport {

    private static final int EXAMPLES = 3;
    /** Imports come in more flavours worth showing (alias, Aircall user id, transfer, exactly 60 s). */
    private static final int IMPORTED_EXAMPLES = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** The reasons in the article's order, each with the rule a customer reads. */
    private static final Map<String, String> RULES = new LinkedHashMap<>();

    static {
        RULES.put("IMPORTED", "all rules pass: connected when it started, at least 60 s, handled by an active user with a Recording seat, recorded");
        RULES.put("SKIPPED_OUTSIDE_INTEGRATION_WINDOW", "rule 6: the integration was not connected when the call started (and no backfill covered it)");
        RULES.put("SKIPPED_TOO_SHORT", "rule 3: the call lasted less than 60 seconds (ringing included)");
        RULES.put("SKIPPED_NO_AIRCALL_USER", "rule 1: no Aircall user handled the call (missed, IVR, unpicked team line)");
        RULES.put("SKIPPED_EMAIL_NOT_MATCHED", "rule 1: the Aircall user's email or id matches no Airspeed user of the org");
        RULES.put("SKIPPED_NO_RECORDING_SEAT", "rule 2: the matched Airspeed user is inactive or has no Recording seat");
        RULES.put("PENDING_RECORDING", "rule 4: no recording yet; re-checked on later runs during the grace period");
        RULES.put("SKIPPED_NO_RECORDING", "rule 4: Aircall has no recording of the call after the grace period");
        RULES.put("PENDING_IN_PROGRESS", "the call is still in progress; a later run decides it");
        RULES.put("SKIPPED_NEVER_FINISHED", "Aircall still reports the call in progress long past any call's length (ingest.in-progress-limit)");
        RULES.put("SKIPPED_DELETED_IN_AIRCALL", "Aircall no longer has the call (404 when it was re-checked)");
    }

    private final AirspeedApi api;
    private final Map<Long, ScenarioCall> scenarios;

    /** {@code scenarios}: the simulator's demo scenarios by call id, or empty for another Aircall API. */
    public IngestionReport(AirspeedApi api, List<ScenarioCall> scenarios) {
        this.api = api;
        this.scenarios = scenarios.stream().collect(Collectors.toMap(ScenarioCall::callId, s -> s, (a, b) -> a));
    }

    public String render(DemoOrg org, DemoOrgBootstrap.DemoIngestion ingestion, String aircallDescription) {
        String admin = org.adminToken();
        List<JsonNode> decisions = api.allDecisions(admin, Map.of());
        StringBuilder out = new StringBuilder();
        line(out, "=".repeat(100));
        line(out, " Airspeed ingestion report: org \"%s\" (%s)", org.name(), org.orgId());
        line(out, "=".repeat(100));
        line(out, "Aircall: %s", aircallDescription);
        runLine(out, "Backfill", ingestion.backfill());
        runLine(out, "Run     ", ingestion.run());
        line(out, "");

        Map<String, Long> outcomes = decisions.stream()
                .collect(Collectors.groupingBy(d -> d.path("outcome").asText(), LinkedHashMap::new, Collectors.counting()));
        line(out, "%d calls fetched and decided: %d IMPORTED, %d SKIPPED, %d PENDING", decisions.size(),
                outcomes.getOrDefault("IMPORTED", 0L), outcomes.getOrDefault("SKIPPED", 0L), outcomes.getOrDefault("PENDING", 0L));

        Map<String, List<JsonNode>> byReason = new LinkedHashMap<>();
        RULES.keySet().forEach(key -> byReason.put(key, new ArrayList<>()));
        for (JsonNode decision : decisions) {
            String key = decision.path("primaryReason").isTextual() ? decision.path("primaryReason").asText() : "IMPORTED";
            byReason.computeIfAbsent(key, k -> new ArrayList<>()).add(decision);
        }
        byReason.forEach((reason, calls) -> {
            if (calls.isEmpty()) {
                return;
            }
            calls.sort(Comparator.comparing(d -> d.path("facts").path("startedAt").asText()));
            line(out, "");
            line(out, "%s: %d call%s", reason, calls.size(), calls.size() == 1 ? "" : "s");
            line(out, "  Rule: %s", RULES.getOrDefault(reason, "(not in the article)"));
            String remedy = calls.get(0).path("explanation").asText("");
            if (!remedy.isEmpty()) {
                line(out, "  What to do: %s", remedy);
            }
            int limit = reason.equals("IMPORTED") ? IMPORTED_EXAMPLES : EXAMPLES;
            for (JsonNode decision : examples(calls, limit)) {
                example(out, org, decision);
            }
            if (calls.size() > limit) {
                line(out, "    ... and %d more", calls.size() - limit);
            }
        });
        return out.toString();
    }

    /** Who sees what: every person's {@code GET /api/calls} count, and the private calls hidden from members. */
    public String renderVisibility(DemoOrg org, List<String> people) {
        StringBuilder out = new StringBuilder();
        List<JsonNode> all = api.allCalls(org.adminToken());
        Set<Long> privateCalls = new TreeSet<>();
        all.stream().filter(c -> "PRIVATE".equals(c.path("visibility").asText()))
                .forEach(c -> privateCalls.add(c.path("aircallCallId").asLong()));
        line(out, "Who sees what (GET /api/calls on visibility-service; rule 5: public calls to every active user,");
        line(out, "private calls only to their participants and admins)");
        line(out, "  %-18s %-7s %3d calls%s", org.adminEmail(), "admin", all.size(),
                privateCalls.isEmpty() ? "" : ", of which PRIVATE: " + privateCalls);
        for (String email : people) {
            String token = org.memberToken(email);
            List<JsonNode> visible = api.allCalls(token);
            Set<Long> own = visible.stream().filter(c -> c.path("participantUserIds").toString().contains(org.userId(email).toString()))
                    .map(c -> c.path("aircallCallId").asLong()).collect(Collectors.toCollection(TreeSet::new));
            Set<Long> hidden = new TreeSet<>(privateCalls);
            visible.forEach(c -> hidden.remove(c.path("aircallCallId").asLong()));
            line(out, "  %-18s %-7s %3d calls (takes part in %d)%s", email, "member", visible.size(), own.size(),
                    hidden.isEmpty() ? "" : "; does not see private " + hidden);
        }
        return out.toString();
    }

    /** A few calls, as different from each other as the data allows (one per scenario or Aircall user first). */
    private List<JsonNode> examples(List<JsonNode> calls, int limit) {
        List<JsonNode> chosen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode call : calls) {
            ScenarioCall scenario = scenarios.get(call.path("aircallCallId").asLong());
            String kind = scenario != null ? scenario.scenario() : call.path("facts").path("aircallUserEmail").asText("");
            if (chosen.size() < limit && seen.add(kind)) {
                chosen.add(call);
            }
        }
        for (JsonNode call : calls) {
            if (chosen.size() < limit && !chosen.contains(call)) {
                chosen.add(call);
            }
        }
        chosen.sort(Comparator.comparing(d -> d.path("facts").path("startedAt").asText()));
        return chosen;
    }

    private void example(StringBuilder out, DemoOrg org, JsonNode decision) {
        JsonNode facts = decision.path("facts");
        long callId = decision.path("aircallCallId").asLong();
        String started = facts.path("startedAt").isTextual() ? TIME.format(Instant.parse(facts.path("startedAt").asText())) : "?";
        String user = facts.path("aircallUserEmail").isTextual() ? facts.path("aircallUserEmail").asText() : "(no Aircall user)";
        ScenarioCall scenario = scenarios.get(callId);
        line(out, "    %d  %s  %5d s  %-22s%s", callId, started, facts.path("durationSeconds").asInt(), user,
                scenario == null ? "" : "  [" + scenario.scenario() + ": " + scenario.rule() + "]");
        if (decision.path("ownerUserId").isTextual()) {
            String owner = org.userIds().entrySet().stream()
                    .filter(e -> e.getValue().toString().equals(decision.path("ownerUserId").asText()))
                    .map(Map.Entry::getKey).findFirst().orElse(decision.path("ownerUserId").asText());
            if ("IMPORTED".equals(decision.path("outcome").asText())) {
                line(out, "      imported for %s%s", owner, decision.path("participantUserIds").size() > 1
                        ? " (+" + (decision.path("participantUserIds").size() - 1) + " more participant)" : "");
            } else {
                line(out, "      matched Airspeed user: %s", owner);
            }
        }
        List<String> reasons = new ArrayList<>();
        decision.path("reasons").forEach(r -> reasons.add(r.asText()));
        if (reasons.size() > 1) {
            line(out, "      all failing reasons: %s", String.join(", ", reasons));
        }
    }

    private static void runLine(StringBuilder out, String label, JsonNode run) {
        if (run == null || run.isMissingNode()) {
            return;
        }
        JsonNode window = run.path("window");
        long requests = run.path("aircall").path("requests").asLong();
        line(out, "%s %s .. %s  %s, %d calls fetched, %d Aircall request%s (%d throttled)", label,
                TIME.format(Instant.parse(window.path("from").asText())), TIME.format(Instant.parse(window.path("to").asText())),
                run.path("status").asText(), run.path("progress").path("fetched").asLong(), requests, requests == 1 ? "" : "s",
                run.path("aircall").path("throttled").asLong());
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(args.length == 0 ? format : String.format(format, args)).append('\n');
    }
}
