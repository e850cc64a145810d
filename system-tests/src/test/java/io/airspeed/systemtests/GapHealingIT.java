package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.aircall.simulator.model.Direction;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.api.AirspeedApi.CreatedOrg;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gap healing end to end: with autoBackfillGaps on, reconnecting after a disconnection queues a
 * GAP_BACKFILL of the gap in the running ingest-service, whose passing calls reach the call list.
 */
class GapHealingIT {

    @Test
    void aReconnectionWithGapHealingOnImportsTheGapsCallsIntoTheCallList() throws Exception {
        LocalStack stack = SystemStack.get();
        AirspeedApi api = stack.api();
        IngestDatabase database = new IngestDatabase(stack);
        SimulatedUser ivy = SimulatedUser.of(9401, "Ivy Heal", "ivy@heal.test", Instant.parse("2024-01-01T00:00:00Z"));
        SimulatedCompany company = stack.simulator().addCompany(CompanySpec.builder("heal").name("Heal Inc")
                .credentials("heal-id", "heal-token").users(List.of(ivy)).build());
        CreatedOrg org = api.createOrg("Heal Inc", "ivy@heal.test", "Ivy Heal");
        String admin = stack.tokens().admin(org.orgId(), org.adminUserId(), "ivy@heal.test");
        Instant now = Instant.now();
        SimulatedCall inGap = call(company, ivy, 990_000_001L, now.minus(Duration.ofHours(36)), 300);
        SimulatedCall inGapShort = call(company, ivy, 990_000_002L, now.minus(Duration.ofHours(30)), 20);

        api.connectAircall(admin, "heal-id", "heal-token");
        database.connectedSince(org.orgId(), Duration.ofDays(3));
        api.http().put(api.ingestUrl() + "/api/integrations/aircall/settings", admin, Map.of("autoBackfillGaps", true))
                .expect(200);
        api.http().delete(api.ingestUrl() + "/api/integrations/aircall", admin).expect(204);
        database.disconnectedSince(org.orgId(), Duration.ofDays(2));

        JsonNode reconnected = api.connectAircall(admin, "heal-id", "heal-token");
        assertThat(reconnected.path("gapBackfills")).hasSize(1);
        JsonNode run = api.awaitBackfill(admin, AirspeedApi.uuid(reconnected.path("gapBackfills").get(0), "id"), Duration.ofMinutes(2));

        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("kind").asText()).isEqualTo("GAP_BACKFILL");
        assertThat(api.decision(admin, inGap.id()).orElseThrow().path("outcome").asText()).isEqualTo("IMPORTED");
        assertThat(api.decision(admin, inGapShort.id()).orElseThrow().path("reasons").toString())
                .isEqualTo("[\"SKIPPED_TOO_SHORT\"]");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!DemoTenant.visibleCalls(stack, admin).containsKey(inGap.id()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(DemoTenant.visibleCalls(stack, admin)).containsKey(inGap.id()).doesNotContainKey(inGapShort.id());
    }

    private static SimulatedCall call(SimulatedCompany company, SimulatedUser user, long id, Instant startedAt, long seconds) {
        long start = startedAt.getEpochSecond();
        return company.addCall(SimulatedCall.builder().id(id).direction(Direction.INBOUND).startedAt(start)
                .answeredAt(start + 2).endedAt(start + seconds).recordingAvailableAt(start + seconds)
                .rawDigits("+49 30 7654321").user(user).number(DemoCompany.SALES_LINE).build());
    }
}
