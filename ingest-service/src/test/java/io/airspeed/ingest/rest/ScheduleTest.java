package io.airspeed.ingest.rest;

import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The in-process schedule of single-node installs ingests every connected org by itself. */
@QuarkusTest
@TestProfile(ScheduleTest.EverySecond.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class ScheduleTest {

    public static class EverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The schedule runs every connected org of this shared test database, other classes' orgs too
            // (some slow, throttled ones): enough slots that this class's org is not queued behind them.
            return Map.of("ingest.schedule.enabled", "true", "ingest.schedule.every", "1s",
                    "ingest.runs.max-concurrent-per-replica", "64");
        }
    }

    @Test
    void importsWithoutAnyoneTriggeringARun() {
        TestOrg org = TestOrg.create();
        org.rosterUser("dave@acme.test");
        SimulatedCall call = org.call(org.aircallUser(9301, "dave@acme.test"), Instant.now().minus(Duration.ofHours(2)), 120);
        org.connect().then().statusCode(200);
        org.connectedSince(Instant.now().minus(Duration.ofDays(1)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var decision = org.decisionOf(call.id());
            assertThat(decision).isNotNull();
            assertThat(decision.get("outcome")).isEqualTo("IMPORTED");
        });
    }
}
