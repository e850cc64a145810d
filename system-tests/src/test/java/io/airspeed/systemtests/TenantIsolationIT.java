package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.model.Direction;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.api.AirspeedApi.CreatedOrg;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two orgs on the same services: Acme (the demo company) and Globex, whose Aircall account reuses
 * two of Acme's call ids, one of them handled by an Aircall user with the email of an Acme user.
 * Nothing of one org may reach, match or answer for the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantIsolationIT {

    private static final long SHARED_ID = DemoCompany.callIds(DemoCompany.IMPORTED_NORMAL).get(0);
    private static final long ACME_EMAIL_ID = DemoCompany.callIds(DemoCompany.IMPORTED_NORMAL).get(1);

    private LocalStack stack;
    private AirspeedApi api;
    private DemoTenant acme;
    private CreatedOrg globex;
    private String globexAdmin;
    private JsonNode globexBackfill;

    @BeforeAll
    void twoOrgsIngestTheirOwnAircallAccounts() {
        stack = SystemStack.get();
        api = stack.api();
        acme = DemoTenant.create(stack, "tenant-acme");

        long now = Instant.now().getEpochSecond();
        SimulatedUser gina = SimulatedUser.of(9001, "Gina Globex", "gina@globex.test", Instant.parse("2024-01-01T00:00:00Z"));
        SimulatedUser lookalike = SimulatedUser.of(9002, "Not Acme's Bob", "bob@acme.test", Instant.parse("2024-01-01T00:00:00Z"));
        stack.simulator().addCompany(CompanySpec.builder("globex").name("Globex").credentials("globex-id", "globex-token")
                .users(List.of(gina, lookalike))
                .call(recordedCall(SHARED_ID, gina, now - 7200))
                .call(recordedCall(ACME_EMAIL_ID, lookalike, now - 3600))
                .build());
        globex = api.createOrg("Globex", "gina@globex.test", "Gina Globex");
        globexAdmin = stack.tokens().admin(globex.orgId(), globex.adminUserId(), "gina@globex.test");
        api.connectAircall(globexAdmin, "globex-id", "globex-token");
        globexBackfill = api.backfillAndWait(globexAdmin, Instant.now().minus(Duration.ofDays(1)), Instant.now(), Duration.ofMinutes(2));
    }

    @Test
    void theSameAircallCallIdIsImportedSeparatelyForEachOrg() {
        JsonNode acmeCall = DemoTenant.visibleCalls(stack, acme.admin()).get(SHARED_ID);
        Map<Long, JsonNode> globexCalls = DemoTenant.visibleCalls(stack, globexAdmin);

        assertThat(globexCalls).containsOnlyKeys(SHARED_ID);
        assertThat(globexCalls.get(SHARED_ID).path("ownerUserId").asText()).isEqualTo(globex.adminUserId().toString());
        assertThat(acmeCall.path("ownerUserId").asText()).isEqualTo(acme.user("alice@acme.test").toString());
        assertThat(globexCalls.get(SHARED_ID).path("id").asText()).isNotEqualTo(acmeCall.path("id").asText());
    }

    @Test
    void anotherOrgsUserWithTheAircallEmailIsNeverMatched() {
        JsonNode decision = api.decision(globexAdmin, ACME_EMAIL_ID).orElseThrow();
        assertThat(decision.path("facts").path("aircallUserEmail").asText()).isEqualTo("bob@acme.test");
        assertThat(decision.path("primaryReason").asText()).isEqualTo("SKIPPED_EMAIL_NOT_MATCHED");
        // In Acme the same id is Alice's call and imported: the decisions are the orgs' own.
        assertThat(api.decision(acme.admin(), ACME_EMAIL_ID).orElseThrow().path("outcome").asText()).isEqualTo("IMPORTED");
        assertThat(api.decisionCount(globexAdmin, Map.of())).isEqualTo(2);
    }

    @Test
    void anotherOrgsCallsAnswerNotFoundWhoeverAsks() {
        UUID acmeCall = DemoTenant.id(DemoTenant.visibleCalls(stack, acme.admin()).get(SHARED_ID));
        UUID globexCall = DemoTenant.id(DemoTenant.visibleCalls(stack, globexAdmin).get(SHARED_ID));

        assertThat(api.call(globexAdmin, acmeCall).status()).isEqualTo(404);
        assertThat(api.changeVisibility(globexAdmin, acmeCall, "PRIVATE").status()).isEqualTo(404);
        assertThat(api.call(acme.admin(), globexCall).status()).isEqualTo(404);
        assertThat(api.call(acme.member("bob@acme.test"), globexCall).status()).isEqualTo(404);
        assertThat(api.call(acme.admin(), acmeCall).expect(200).body().path("visibility").asText()).isEqualTo("PUBLIC");
    }

    @Test
    void runsBackfillsAndUsersOfAnotherOrgAreNotFound() {
        UUID acmeRun = UUID.fromString(acme.ingestion().run().path("id").asText());
        UUID acmeBackfill = UUID.fromString(acme.ingestion().backfill().path("id").asText());
        UUID globexBackfillId = UUID.fromString(globexBackfill.path("id").asText());

        assertThat(api.http().get(api.ingestUrl() + "/api/ingestion/runs/" + acmeRun, globexAdmin).status()).isEqualTo(404);
        assertThat(api.http().get(api.ingestUrl() + "/api/backfills/" + acmeBackfill, globexAdmin).status()).isEqualTo(404);
        assertThat(api.http().get(api.ingestUrl() + "/api/backfills/" + globexBackfillId, acme.admin()).status()).isEqualTo(404);
        assertThat(api.http().get(api.usersUrl() + "/api/users/" + acme.user("bob@acme.test"), globexAdmin).status()).isEqualTo(404);
    }

    @Test
    void aVisibilityChangeInOneOrgLeavesTheOtherUntouched() {
        UUID acmeCall = DemoTenant.id(DemoTenant.visibleCalls(stack, acme.admin()).get(ACME_EMAIL_ID));
        api.changeVisibility(acme.admin(), acmeCall, "PRIVATE").expect(200);

        assertThat(DemoTenant.visibleCalls(stack, globexAdmin).get(SHARED_ID).path("visibility").asText()).isEqualTo("PUBLIC");
        assertThat(DemoTenant.visibleCalls(stack, globexAdmin)).hasSize(1);
    }

    /**
     * Issue 10: everything Globex can read of itself over its APIs (users and their identities,
     * calls and their visibility, the default visibility, decisions, the integration, its backfill)
     * is the same before and after Acme changes each kind of thing it owns: a seat, an alias (the
     * email of Globex's admin), a call's visibility (the Aircall id both orgs have), the default
     * visibility, a disconnect and reconnect, and a run. Acme's changes are checked to have taken
     * effect, so a change that silently did nothing cannot pass for isolation. Last, since it
     * changes Acme.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void oneOrgsChangesLeaveEveryOtherOrgsDataAsItWas() {
        String acmeAdmin = acme.admin();
        UUID bob = acme.user("bob@acme.test");
        UUID acmeSharedCall = DemoTenant.id(DemoTenant.visibleCalls(stack, acmeAdmin).get(SHARED_ID));
        int acmeWindows = api.integration(acmeAdmin).path("windows").size();
        UUID acmeRunBefore = UUID.fromString(acme.ingestion().run().path("id").asText());
        Map<String, JsonNode> before = settledSnapshot(globexAdmin);

        api.http().patch(api.usersUrl() + "/api/users/" + bob, acmeAdmin, Map.of("seat", "VIEWER")).expect(200);
        UUID zed = api.createUser(acmeAdmin, "zed@acme.test", "Zed", "MEMBER", "RECORDING");
        api.linkAircallIdentity(acmeAdmin, zed, "EMAIL", "gina@globex.test");
        api.changeVisibility(acmeAdmin, acmeSharedCall, "PRIVATE").expect(200);
        api.http().put(api.visibilityUrl() + "/api/settings/visibility", acmeAdmin, Map.of("defaultVisibility", "PRIVATE")).expect(200);
        api.http().delete(api.ingestUrl() + "/api/integrations/aircall", acmeAdmin).expect(204);
        api.connectAircall(acmeAdmin, "tenant-acme-api-id", "tenant-acme-api-token");
        JsonNode acmeRun = api.runIngestion(acmeAdmin);

        // Acme's changes took effect...
        assertThat(get(api.usersUrl() + "/api/users/" + bob, acmeAdmin).path("seat").asText()).isEqualTo("VIEWER");
        assertThat(get(api.usersUrl() + "/api/users/" + zed, acmeAdmin).path("aircallIdentities").toString()).contains("gina@globex.test");
        assertThat(api.call(acmeAdmin, acmeSharedCall).expect(200).body().path("visibility").asText()).isEqualTo("PRIVATE");
        assertThat(get(api.visibilityUrl() + "/api/settings/visibility", acmeAdmin).path("defaultVisibility").asText()).isEqualTo("PRIVATE");
        JsonNode acmeIntegration = api.integration(acmeAdmin);
        assertThat(acmeIntegration.path("status").asText()).isEqualTo("CONNECTED");
        assertThat(acmeIntegration.path("windows").size()).isEqualTo(acmeWindows + 1);
        assertThat(acmeRun.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(acmeRun.path("id").asText()).isNotEqualTo(acmeRunBefore.toString());

        // ...and none of them reached Globex.
        Map<String, JsonNode> after = settledSnapshot(globexAdmin);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((what, value) -> assertThat(after.get(what)).as("Globex's " + what).isEqualTo(value));
    }

    /** Globex as its admin reads it, taken until two readings agree (deliveries settle after a run). */
    private Map<String, JsonNode> settledSnapshot(String admin) {
        Map<String, JsonNode> previous = snapshot(admin);
        for (int attempt = 0; attempt < 20; attempt++) {
            sleep(Duration.ofMillis(500));
            Map<String, JsonNode> current = snapshot(admin);
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        throw new AssertionError("Globex's data kept changing: " + previous);
    }

    private Map<String, JsonNode> snapshot(String admin) {
        Map<String, JsonNode> data = new LinkedHashMap<>();
        JsonNode users = get(api.usersUrl() + "/api/users?page=0&size=200", admin);
        data.put("users", users);
        data.put("me", get(api.usersUrl() + "/api/users/me", admin));
        users.path("items").forEach(u -> data.put("user " + u.path("id").asText(),
                get(api.usersUrl() + "/api/users/" + u.path("id").asText(), admin)));
        JsonNode calls = get(api.visibilityUrl() + "/api/calls?page=0&size=200", admin);
        data.put("calls", calls);
        calls.path("items").forEach(c -> data.put("call " + c.path("id").asText(),
                get(api.visibilityUrl() + "/api/calls/" + c.path("id").asText(), admin)));
        data.put("default visibility", get(api.visibilityUrl() + "/api/settings/visibility", admin));
        ArrayNode decisions = JsonNodeFactory.instance.arrayNode();
        api.allDecisions(admin, Map.of()).forEach(decisions::add);
        data.put("decisions", decisions);
        data.put("integration", api.integration(admin));
        data.put("backfill", api.backfill(admin, UUID.fromString(globexBackfill.path("id").asText())));
        assertThat(users.path("items").size()).as("Globex has users").isPositive();
        assertThat(calls.path("items").size()).as("Globex has calls").isPositive();
        assertThat(decisions.size()).as("Globex has decisions").isPositive();
        return data;
    }

    private JsonNode get(String url, String token) {
        return api.http().get(url, token).expect(200).body();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SimulatedCall recordedCall(long id, SimulatedUser user, long startedAt) {
        long endedAt = startedAt + 600;
        return SimulatedCall.builder().id(id).direction(Direction.OUTBOUND).startedAt(startedAt)
                .answeredAt(startedAt + 5).endedAt(endedAt).rawDigits("+49 30 1234567").user(user)
                .number(DemoCompany.SALES_LINE).recordingAvailableAt(endedAt + 60).build();
    }
}
