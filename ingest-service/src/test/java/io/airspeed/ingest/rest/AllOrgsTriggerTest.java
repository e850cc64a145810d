package io.airspeed.ingest.rest;

import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.PostgresServer;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The CronJob's trigger of every connected org: runs queued and claimed by the worker at most two
 * at a time on this replica, an org already running joined, a failing org reported by name with
 * 502 while every other org's run still completes, all under one wait.
 */
@QuarkusTest
@TestProfile(AllOrgsTriggerTest.TwoRunsPerReplica.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class AllOrgsTriggerTest {

    public static class TwoRunsPerReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.runs.max-concurrent-per-replica", "2");
        }
    }

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant CONNECTED = NOW.minus(Duration.ofDays(2));

    /**
     * This class's orgs stay out of every later class's service trigger: their rosters are stubbed
     * by this profile's test resources, which a later profile does not have.
     */
    @AfterEach
    void disconnectEveryOrg() throws SQLException {
        execute("update ingest.integrations set status = 'DISCONNECTED' where status = 'CONNECTED'");
    }

    @Test
    void runsEveryOrgWithBoundedConcurrencyAndNamesTheOrgWhoseRunFailed() throws Exception {
        // Orgs other test classes left connected in this database are not this test's subject.
        execute("update ingest.integrations set status = 'DISCONNECTED' where status = 'CONNECTED'");
        List<TestOrg> healthy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            healthy.add(connectedOrgWithCalls(60, 9100 + i));
        }
        TestOrg failing = connectedOrgWithCalls(10, 9150);
        TestOrg busy = connectedOrgWithCalls(150, 9160);
        healthy.forEach(org -> org.company.faults().addLatency(Duration.ofMillis(100)));
        failing.company.faults().failNextWithServerError(10_000);
        busy.company.faults().addLatency(Duration.ofMillis(100));
        String busyRun = given().auth().oauth2(busy.adminToken()).post("/api/ingestion/runs")
                .then().statusCode(202).extract().path("runs[0].id");
        await().atMost(Duration.ofSeconds(10)).until(() -> "RUNNING".equals(busy.run(busyRun).getString("status")));

        List<TestOrg> mine = new ArrayList<>(healthy);
        mine.add(failing);
        mine.add(busy);
        AtomicInteger mostRunning = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                mostRunning.accumulateAndGet(runningNow(mine), Math::max);
                sleep(25);
            }
        });
        sampler.start();
        JsonPath answer;
        try {
            answer = TestOrg.triggerAllOrgsAndWait()
                    .then().statusCode(502).extract().jsonPath();
        } finally {
            sampling.set(false);
            sampler.join();
        }

        assertThat(answer.getList("failedOrgs")).containsExactly(failing.orgId.toString());
        assertThat(answer.getList("runs")).hasSize(6);
        Map<String, Object> busyEntry = entryOf(answer, busy);
        assertThat(busyEntry.get("id")).isEqualTo(busyRun);
        assertThat(busyEntry.get("joined")).isEqualTo(true);
        assertThat(busyEntry.get("status")).isEqualTo("SUCCEEDED");
        assertThat(entryOf(answer, failing).get("status")).isEqualTo("FAILED");
        assertThat((String) entryOf(answer, failing).get("error")).startsWith("Aircall did not answer");
        for (TestOrg org : healthy) {
            assertThat(entryOf(answer, org).get("status")).isEqualTo("SUCCEEDED");
            assertThat(org.decisions("outcome=IMPORTED").getLong("totalItems")).isEqualTo(60);
        }
        // Six runs, two slots on this replica: never more than two at once, and the slots were used.
        assertThat(mostRunning.get()).isEqualTo(2);

        healthy.forEach(org -> org.company.faults().clear());
        failing.company.faults().clear();
        busy.company.faults().clear();
    }

    @Test
    void withoutAnyFailureTheTriggerAnswersTheRunsWhenAllSucceeded() throws Exception {
        execute("update ingest.integrations set status = 'DISCONNECTED' where status = 'CONNECTED'");
        TestOrg one = connectedOrgWithCalls(5, 9170);
        TestOrg two = connectedOrgWithCalls(5, 9171);

        JsonPath answer = TestOrg.triggerAllOrgsAndWait()
                .then().statusCode(200).body("failedOrgs", equalTo(null)).extract().jsonPath();
        assertThat(answer.getList("runs.status")).containsOnly("SUCCEEDED").hasSize(2);
        assertThat(answer.getList("runs.orgId")).containsExactlyInAnyOrder(one.orgId.toString(), two.orgId.toString());
    }

    private static Map<String, Object> entryOf(JsonPath answer, TestOrg org) {
        List<Map<String, Object>> runs = answer.getList("runs");
        return runs.stream().filter(run -> org.orgId.toString().equals(run.get("orgId"))).findFirst().orElseThrow();
    }

    private static int runningNow(List<TestOrg> orgs) {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from ingest.ingestion_runs where status = 'RUNNING' and org_id = any(?)")) {
            query.setArray(1, connection.createArrayOf("uuid", orgs.stream().map(org -> org.orgId).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String statement) throws SQLException {
        try (Connection connection = connect(); PreparedStatement prepared = connection.prepareStatement(statement)) {
            prepared.execute();
        }
    }

    private static Connection connect() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        return DriverManager.getConnection(server.jdbcUrl(TestOrg.DATABASE), server.user(), server.password());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TestOrg connectedOrgWithCalls(int count, long aircallUserId) {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedUser dave = org.aircallUser(aircallUserId, "dave@acme.test");
        IntStream.range(0, count).forEach(i -> org.call(dave, NOW.minus(Duration.ofHours(30)).plusSeconds(i * 30L), 120));
        org.connect().then().statusCode(200);
        org.connectedSince(CONNECTED);
        return org;
    }

}
