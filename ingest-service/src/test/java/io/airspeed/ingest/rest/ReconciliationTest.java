package io.airspeed.ingest.rest;

import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.ingest.service.ReconciliationService;
import io.airspeed.ingest.service.VertxContexts;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class ReconciliationTest {

    /** Orgs this class connected; disconnected afterwards so later classes' schedules do not run them. */
    private static final java.util.List<TestOrg> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static TestOrg tracked(TestOrg org) {
        CREATED.add(org);
        return org;
    }

    @org.junit.jupiter.api.AfterAll
    static void disconnectEveryOrg() {
        // Straight in the database: the application's HTTP port is gone by now.
        CREATED.forEach(org -> org.sql("update integrations set status = 'DISCONNECTED' where org_id = ?"));
        CREATED.clear();
    }

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate CLEAN_DAY = TODAY.minusDays(3);
    private static final LocalDate GAP_DAY = TODAY.minusDays(2);

    @Inject
    ReconciliationService reconciliation;

    @Inject
    VertxContexts contexts;

    @Test
    void findsACallHiddenByAGapAndNothingOnACleanDay() {
        TestOrg org = tracked(TestOrg.create());
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(9401, "dave@acme.test");
        org.call(dave, at(CLEAN_DAY, 9), 300);
        org.call(dave, at(CLEAN_DAY, 15), 30);
        org.call(null, at(CLEAN_DAY, 16), 90);
        org.call(dave, at(GAP_DAY, 8), 300);
        org.call(dave, at(GAP_DAY, 18), 300);
        org.connect().then().statusCode(200);
        org.connectedSince(at(TODAY.minusDays(4), 0));
        org.runAndWait().then().statusCode(200);
        // A disconnection gap on the gap day, and a call in it that ingestion never read.
        Instant gapFrom = at(GAP_DAY, 10);
        Instant gapTo = at(GAP_DAY, 14);
        org.sql("update connection_windows set closed_at = ?, close_cause = 'DISCONNECTED' where closed_at is null and org_id = ?", gapFrom);
        org.sql("insert into connection_windows (id, opened_at, org_id) values (gen_random_uuid(), ?, ?)", gapTo);
        org.call(dave, at(GAP_DAY, 12), 300);

        long before = org.company.counters().requests();
        var response = given().auth().oauth2(org.adminToken()).get("/api/reconciliation?from=" + CLEAN_DAY + "&to=" + GAP_DAY);
        JsonPath report = response.then().statusCode(200).extract().jsonPath();
        assertThat(org.company.counters().requests() - before).as("one Aircall request per day").isEqualTo(2);

        assertThat(report.getList("days.date")).containsExactly(CLEAN_DAY.toString(), GAP_DAY.toString());
        Map<String, Object> clean = report.getMap("days[0]");
        assertThat(clean.get("aircallTotal")).isEqualTo(3);
        assertThat(clean.get("decided")).isEqualTo(Map.of("IMPORTED", 1, "SKIPPED", 2, "PENDING", 0));
        assertThat(clean.get("unaccounted")).isEqualTo(0);
        assertThat(clean.get("explanation")).isNull();

        Map<String, Object> gap = report.getMap("days[1]");
        assertThat(gap.get("aircallTotal")).isEqualTo(3);
        assertThat(gap.get("decided")).isEqualTo(Map.of("IMPORTED", 2, "SKIPPED", 0, "PENDING", 0));
        assertThat(gap.get("unaccounted")).isEqualTo(1);
        assertThat((String) gap.get("explanation")).contains("disconnected from " + gapFrom + " to " + gapTo)
                .contains("{\"from\":\"" + gapFrom + "\",\"to\":\"" + gapTo + "\"}");

        // The nightly job's gauge, per org: what an SRE alerts on.
        assertThat(contexts.<Long>onFreshContext(() -> reconciliation.exportUnaccounted(org.orgId, GAP_DAY)).await().atMost(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(gauge(org)).isEqualTo(1.0);
        assertThat(contexts.<Long>onFreshContext(() -> reconciliation.exportUnaccounted(org.orgId, CLEAN_DAY)).await().atMost(Duration.ofSeconds(30))).isZero();
        assertThat(gauge(org)).isEqualTo(0.0);
    }

    @Test
    void theRangeIsBoundedAndForAdminsOnly() {
        TestOrg org = tracked(TestOrg.create());
        org.connect().then().statusCode(200);
        reconcile(org, "from=" + TODAY.minusDays(92) + "&to=" + TODAY).then().statusCode(400).body("errors[0].field", equalTo("to"));
        reconcile(org, "from=" + TODAY.minusDays(91) + "&to=" + TODAY).then().statusCode(200).body("days.size()", equalTo(92));
        reconcile(org, "from=" + TODAY + "&to=" + TODAY.minusDays(1)).then().statusCode(400).body("errors[0].field", equalTo("to"));
        reconcile(org, "from=" + TODAY + "&to=" + TODAY.plusDays(1)).then().statusCode(400).body("errors[0].field", equalTo("to"));
        reconcile(org, "from=yesterday&to=" + TODAY).then().statusCode(400).body("errors[0].field", equalTo("from"));
        reconcile(org, "to=" + TODAY).then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(org.memberToken()).get("/api/reconciliation?from=" + TODAY + "&to=" + TODAY).then().statusCode(403);
        TestOrg unconnected = tracked(TestOrg.create());
        reconcile(unconnected, "from=" + TODAY + "&to=" + TODAY).then().statusCode(404);
    }

    private static io.restassured.response.Response reconcile(TestOrg org, String query) {
        return given().auth().oauth2(org.adminToken()).get("/api/reconciliation?" + query);
    }

    private static double gauge(TestOrg org) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("ingest_reconciliation_unaccounted_calls{")
                        && line.contains("org=\"" + org.orgId + "\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1.0);
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hour));
    }
}
