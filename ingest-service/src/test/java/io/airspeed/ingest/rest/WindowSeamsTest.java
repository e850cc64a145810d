package io.airspeed.ingest.rest;

import io.airspeed.aircall.simulator.SimulatorSettings;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.LoadDataSet;
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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No call is lost where ranges meet: at the split seconds of a window over Aircall's 10,000-record
 * cap, whatever Aircall's inclusivity of {@code from} and {@code to}, and no answer that is not a
 * complete list is taken for one (the run fails and its checkpoint stays put).
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class WindowSeamsTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant CONNECTED = NOW.minus(Duration.ofDays(2));

    /** Six calls in every second of the load range: whichever seconds the window is split on hold calls. */
    private static final int SECONDS = 2_000;
    private static final int CALLS_PER_SECOND = 6;

    @Test
    void aFractionalWindowOverTheCapIsReadOnceWithExclusiveBounds() {
        readsAFractionalWindowOverTheCapExactlyOnce(false);
    }

    @Test
    void aFractionalWindowOverTheCapIsReadOnceWithInclusiveBounds() {
        readsAFractionalWindowOverTheCapExactlyOnce(true);
    }

    private void readsAFractionalWindowOverTheCapExactlyOnce(boolean inclusive) {
        SimulatorSettings settings = AircallSimulatorTestResource.simulator().settings();
        settings.fromInclusive(inclusive).toInclusive(inclusive);
        try {
            TestOrg org = TestOrg.create();
            Instant loadFrom = NOW.minus(Duration.ofDays(6));
            String companyId = "seam" + org.orgId.toString().replace("-", "");
            LoadDataSet load = LoadDataSet.builder().company(companyId, "Seams " + companyId)
                    .credentials(companyId + "-id", companyId + "-token").calls(SECONDS * CALLS_PER_SECOND).users(10)
                    .range(loadFrom, loadFrom.plusSeconds(SECONDS)).seed(11).build();
            SimulatedCompany company = AircallSimulatorTestResource.simulator().addCompany(load.spec());
            given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("apiId", load.apiId(), "apiToken", load.apiToken()))
                    .put("/api/integrations/aircall").then().statusCode(200);

            // Both ends half a second into a second: the range holds the calls of seconds 151 to 1850.
            Instant from = loadFrom.plusMillis(150_500);
            Instant to = loadFrom.plusMillis(1_850_500);
            long expected = load.countBetween(loadFrom.getEpochSecond() + 151, loadFrom.getEpochSecond() + 1851);
            assertThat(expected).as("the window is over the cap").isGreaterThan(10_000);

            String id = given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("from", from.toString(), "to", to.toString())).post("/api/backfills")
                    .then().statusCode(202).extract().path("id");
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !"RUNNING".equals(backfill(org, id).getString("status")));

            JsonPath run = backfill(org, id);
            assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
            // fetched counts every call handed to the rules: a call read twice would count twice.
            assertThat(run.getLong("progress.fetched")).as("calls decided, inclusive=%s", inclusive).isEqualTo(expected);
            // More than the log's bounded total counts: the decisions themselves are counted.
            assertThat(org.sqlLong("select count(*) from call_decisions where org_id = ?"))
                    .as("calls with a decision, inclusive=%s", inclusive).isEqualTo(expected);
            long firstSecond = loadFrom.getEpochSecond() + 151;
            long lastSecond = loadFrom.getEpochSecond() + 1850;
            assertThat(org.decisions("from=" + Instant.ofEpochSecond(firstSecond) + "&to=" + Instant.ofEpochSecond(firstSecond + 1))
                    .getLong("totalItems")).as("the first whole second").isEqualTo(CALLS_PER_SECOND);
            assertThat(org.decisions("from=" + Instant.ofEpochSecond(lastSecond) + "&to=" + Instant.ofEpochSecond(lastSecond + 1))
                    .getLong("totalItems")).as("the last second, before the fractional end").isEqualTo(CALLS_PER_SECOND);
            assertThat(org.decisions("from=" + Instant.ofEpochSecond(firstSecond - 1) + "&to=" + Instant.ofEpochSecond(firstSecond))
                    .getLong("totalItems")).as("the second the window starts inside").isZero();
            assertThat(company.counters().badRequests()).isZero();
        } finally {
            settings.fromInclusive(true).toInclusive(true);
        }
    }

    @Test
    void aListAnswering404FailsTheRunAndKeepsTheCheckpoint() {
        incompleteListFailsTheRunAndKeepsTheCheckpoint(company -> company.faults().failNextListsWithNotFound(1_000));
    }

    @Test
    void aListWithoutMetaFailsTheRunAndKeepsTheCheckpoint() {
        incompleteListFailsTheRunAndKeepsTheCheckpoint(company -> company.faults().dropMetaOfNextLists(1_000));
    }

    @Test
    void aPageWithoutCallsFailsTheRunAndKeepsTheCheckpoint() {
        incompleteListFailsTheRunAndKeepsTheCheckpoint(company -> company.faults().dropCallsOfNextLists(1_000));
    }

    private void incompleteListFailsTheRunAndKeepsTheCheckpoint(Consumer<SimulatedCompany> fault) {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(8801, "dave@acme.test");
        org.call(dave, NOW.minus(Duration.ofHours(20)), 120);
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);
        org.runAndWait().then().statusCode(200);
        Instant checkpoint = scannedUntil(org);
        assertThat(checkpoint).isNotNull();

        var late = org.call(dave, Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.SECONDS), 10);
        fault.accept(org.company);
        JsonPath answer = org.runAndWait().then().statusCode(502).extract().jsonPath();
        assertThat(answer.getString("runs[0].status")).isEqualTo("FAILED");
        JsonPath failed = org.run(answer.getString("runs[0].id"));
        assertThat(failed.getString("error")).isNotBlank();
        assertThat(failed.getString("progress.cursor")).as("the run's cursor stays at its start")
                .isEqualTo(failed.getString("window.from"));
        assertThat(scannedUntil(org)).as("the org's checkpoint").isEqualTo(checkpoint);
        assertThat(org.decisionOf(late.id())).isNull();

        org.company.faults().clear();
        org.runAndWait().then().statusCode(200);
        assertThat(org.decisionOf(late.id())).isNotNull();
        assertThat(scannedUntil(org)).isAfter(checkpoint);
    }

    @Test
    void moreThanTheCapInOneSecondFailsTheRunInsteadOfReadingPartOfIt() {
        TestOrg org = TestOrg.create();
        Instant second = NOW.minus(Duration.ofHours(5));
        String companyId = "busy" + org.orgId.toString().replace("-", "");
        LoadDataSet load = LoadDataSet.builder().company(companyId, "Busy " + companyId)
                .credentials(companyId + "-id", companyId + "-token").calls(10_050).users(5)
                .range(second, second.plusSeconds(1)).seed(3).build();
        AircallSimulatorTestResource.simulator().addCompany(load.spec());
        given().auth().oauth2(org.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("apiId", load.apiId(), "apiToken", load.apiToken()))
                .put("/api/integrations/aircall").then().statusCode(200);
        org.connectedSince(CONNECTED);

        // 400 pages and 10,000 decisions: polled, not waited for on one request.
        String runId = given().auth().oauth2(org.adminToken()).post("/api/ingestion/runs")
                .then().statusCode(202).extract().path("runs[0].id");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !"RUNNING".equals(org.run(runId).getString("status")));
        JsonPath failed = org.run(runId);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("error")).isNotBlank();
        // What was committed is what started before the crowded second; the checkpoint never passes it.
        Instant checkpoint = scannedUntil(org);
        assertThat(checkpoint == null || !checkpoint.isAfter(second)).as("checkpoint %s", checkpoint).isTrue();
        assertThat(Instant.parse(failed.getString("progress.cursor"))).isBeforeOrEqualTo(second);
        // The 200 pages read before the cap are committed; the failure did not roll back the last of them.
        assertThat(org.decisions("").getLong("totalItems")).isEqualTo(10_000);
    }

    private static Instant scannedUntil(TestOrg org) {
        String value = given().auth().oauth2(org.adminToken()).get("/api/integrations/aircall")
                .then().statusCode(200).extract().path("scannedUntil");
        return value == null ? null : Instant.parse(value);
    }

    private static JsonPath backfill(TestOrg org, String id) {
        return given().auth().oauth2(org.adminToken()).get("/api/backfills/" + id).then().statusCode(200).extract().jsonPath();
    }
}
