package io.airspeed.ingest.rest;

import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * With {@code autoBackfillGaps} on, reconnecting after a disconnection queues a GAP_BACKFILL of
 * exactly the gap (at most ingest.backfill.max-range of it, the rest reported); the gap's calls are
 * decided as in a backfill (rule 6 does not apply) and those passing the other rules are imported.
 * With it off, reconnecting queues nothing and the gap's calls stay outside the windows.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class GapHealingTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant GAP_FROM = NOW.minus(Duration.ofDays(2));

    @Test
    void withAutoBackfillGapsOnAReconnectionBackfillsExactlyTheGapAndImportsItsPassingCalls() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(4001, "dave@acme.test");
        SimulatedCall inGap = org.call(dave, NOW.minus(Duration.ofHours(36)), 300);
        SimulatedCall inGapShort = org.call(dave, NOW.minus(Duration.ofHours(30)), 20);
        SimulatedCall beforeGap = org.call(dave, GAP_FROM.minus(Duration.ofHours(2)), 300);
        disconnectedSince(org, NOW.minus(Duration.ofDays(3)), GAP_FROM, true);

        JsonPath reconnected = org.connect().then().statusCode(200)
                .body("settings.autoBackfillGaps", equalTo(true))
                .body("gapBackfills", hasSize(1)).extract().jsonPath();
        Instant connectedAt = Instant.parse(reconnected.getString("connectedAt"));
        assertThat(Instant.parse(reconnected.getString("gapBackfills[0].window.from"))).isEqualTo(GAP_FROM);
        assertThat(Instant.parse(reconnected.getString("gapBackfills[0].window.to"))).isEqualTo(connectedAt);
        assertThat(reconnected.getMap("gapBackfills[0].notBackfilled")).isNull();
        String id = reconnected.getString("gapBackfills[0].id");

        JsonPath run = awaitSucceeded(org, id);
        assertThat(run.getString("kind")).isEqualTo("GAP_BACKFILL");
        assertThat(Instant.parse(run.getString("window.from"))).isEqualTo(GAP_FROM);
        assertThat(Instant.parse(run.getString("window.to"))).isEqualTo(connectedAt);
        assertThat(org.run(id).getString("kind")).as("the run view shows it too").isEqualTo("GAP_BACKFILL");
        assertThat(run.getLong("progress.fetched")).as("the gap's calls, not the window's before it").isEqualTo(2);
        assertThat(org.decisionOf(inGap.id())).containsEntry("outcome", "IMPORTED").containsEntry("runId", id);
        assertThat(org.decisionOf(inGapShort.id())).containsEntry("outcome", "SKIPPED")
                .containsEntry("reasons", List.of("SKIPPED_TOO_SHORT"));
        assertThat(org.decisionOf(beforeGap.id())).isNull();
        assertThat(org.deliveriesOf(inGap.id())).isEqualTo(1);
        assertThat(history(org, inGap.id())).containsExactly("IMPORTED/BACKFILL");

        // A scheduled run re-reading the gap keeps it exempt from rule 6, as for an admin's backfill.
        org.runAndWait().then().statusCode(200);
        assertThat(org.decisionOf(inGap.id())).containsEntry("outcome", "IMPORTED");
        assertThat(org.decisionOf(inGapShort.id())).containsEntry("reasons", List.of("SKIPPED_TOO_SHORT"));
        assertThat(org.decisionOf(beforeGap.id())).containsEntry("outcome", "IMPORTED");
        assertThat(org.deliveriesOf(inGap.id())).isEqualTo(1);
    }

    @Test
    void withAutoBackfillGapsOffAReconnectionQueuesNothingAndTheGapStaysOutsideTheWindows() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(4101, "dave@acme.test");
        SimulatedCall inGap = org.call(dave, NOW.minus(Duration.ofHours(36)), 300);
        disconnectedSince(org, NOW.minus(Duration.ofDays(3)), GAP_FROM, false);

        org.connect().then().statusCode(200)
                .body("settings.autoBackfillGaps", equalTo(false))
                .body("gapBackfills", hasSize(0));
        org.runAndWait().then().statusCode(200);

        assertThat(org.decisionOf(inGap.id())).containsEntry("outcome", "SKIPPED")
                .containsEntry("primaryReason", "SKIPPED_OUTSIDE_INTEGRATION_WINDOW");
        assertThat(org.deliveriesOf(inGap.id())).isZero();
    }

    @Test
    void aGapLongerThanTheBackfillMaximumIsBackfilledForItsMostRecentPartAndTheRestIsReported() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(4201, "dave@acme.test");
        SimulatedCall recent = org.call(dave, NOW.minus(Duration.ofDays(10)), 300);
        SimulatedCall old = org.call(dave, NOW.minus(Duration.ofDays(95)), 300);
        Instant gapFrom = NOW.minus(Duration.ofDays(100));
        disconnectedSince(org, NOW.minus(Duration.ofDays(120)), gapFrom, true);

        JsonPath reconnected = org.connect().then().statusCode(200).extract().jsonPath();
        Instant connectedAt = Instant.parse(reconnected.getString("connectedAt"));
        Instant backfilledFrom = connectedAt.minus(Duration.ofDays(90));
        assertThat(Instant.parse(reconnected.getString("gapBackfills[0].window.from"))).isEqualTo(backfilledFrom);
        assertThat(Instant.parse(reconnected.getString("gapBackfills[0].notBackfilled.from"))).isEqualTo(gapFrom);
        assertThat(Instant.parse(reconnected.getString("gapBackfills[0].notBackfilled.to"))).isEqualTo(backfilledFrom);
        String id = reconnected.getString("gapBackfills[0].id");

        JsonPath run = awaitSucceeded(org, id);
        assertThat(Instant.parse(run.getString("notBackfilled.from"))).isEqualTo(gapFrom);
        assertThat(Instant.parse(run.getString("notBackfilled.to"))).isEqualTo(backfilledFrom);
        assertThat(org.decisionOf(recent.id())).containsEntry("outcome", "IMPORTED");
        assertThat(org.decisionOf(old.id())).as("in the part not backfilled").isNull();
        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(200)
                .body("gapBackfills[0].id", equalTo(id))
                .body("gapBackfills[0].status", equalTo("SUCCEEDED"))
                .body("gapBackfills[0].notBackfilled.from", equalTo(reconnected.getString("gapBackfills[0].notBackfilled.from")));
    }

    @Test
    void replacingTheKeyWhileConnectedLeavesNoGapAndQueuesNothing() {
        TestOrg org = TestOrg.create();
        org.connect().then().statusCode(200);
        settings(org.adminToken(), Map.of("autoBackfillGaps", true)).then().statusCode(200);
        org.connect().then().statusCode(200).body("windows", hasSize(2)).body("gapBackfills", hasSize(0));
    }

    @Test
    void theSettingIsOffByDefaultAndAnAdminTurnsItOnAndOff() {
        TestOrg org = TestOrg.create();
        org.connect().then().statusCode(200).body("settings.autoBackfillGaps", equalTo(false));
        settings(org.adminToken(), Map.of("autoBackfillGaps", true)).then().statusCode(200)
                .body("settings.autoBackfillGaps", equalTo(true)).body("status", equalTo("CONNECTED"));
        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(200)
                .body("settings.autoBackfillGaps", equalTo(true));
        settings(org.adminToken(), Map.of("autoBackfillGaps", false)).then().statusCode(200)
                .body("settings.autoBackfillGaps", equalTo(false));
    }

    @Test
    void badSettingsAnswer400AndChangeNothing() {
        TestOrg org = TestOrg.create();
        org.connect().then().statusCode(200);
        settings(org.adminToken(), Map.of()).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("autoBackfillGaps"));
        settings(org.adminToken(), Map.of("autoBackfillGaps", "sometimes")).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("autoBackfillGaps"));
        settings(org.adminToken(), Map.of("autoBackfillGaps", true, "backfillEverything", true)).then().statusCode(400)
                .body("errors[0].field", equalTo("backfillEverything"));
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON).body("{\"autoBackfillGaps\": tru")
                .put("/api/integrations/aircall/settings").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .put("/api/integrations/aircall/settings").then().statusCode(400);
        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(200)
                .body("settings.autoBackfillGaps", equalTo(false));
    }

    @Test
    void onlyAnAdminOfAnOrgWithAnIntegrationMayChangeTheSettings() {
        TestOrg org = TestOrg.create();
        settings(org.adminToken(), Map.of("autoBackfillGaps", true)).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("connect one first"));
        org.connect().then().statusCode(200);
        settings(org.memberToken(), Map.of("autoBackfillGaps", true)).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("autoBackfillGaps", true))
                .put("/api/integrations/aircall/settings").then().statusCode(401);
        given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall").then().statusCode(200)
                .body("settings.autoBackfillGaps", equalTo(false));
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Connected from {@code openedAt} until {@code closedAt}, disconnected since; the setting as given. */
    private static void disconnectedSince(TestOrg org, Instant openedAt, Instant closedAt, boolean autoBackfillGaps) {
        org.connect().then().statusCode(200);
        org.connectedSince(openedAt);
        if (autoBackfillGaps) {
            settings(org.adminToken(), Map.of("autoBackfillGaps", true)).then().statusCode(200);
        }
        given().auth().oauth2(org.adminToken()).delete("/api/integrations/aircall").then().statusCode(204);
        org.sql("update connection_windows set closed_at = ? where org_id = ? and closed_at is not null", closedAt);
        org.sql("update integrations set disconnected_at = ? where org_id = ?", closedAt);
    }

    private static Response settings(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).put("/api/integrations/aircall/settings");
    }

    private static JsonPath awaitSucceeded(TestOrg org, String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> "SUCCEEDED".equals(
                given().auth().oauth2(org.adminToken()).get("/api/backfills/" + id).then().statusCode(200).extract().path("status")));
        return given().auth().oauth2(org.adminToken()).get("/api/backfills/" + id).then().statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    private static List<String> history(TestOrg org, long callId) {
        return ((List<Map<String, Object>>) org.decisionOf(callId).get("history")).stream()
                .map(h -> h.get("outcome") + "/" + h.get("cause")).toList();
    }
}
