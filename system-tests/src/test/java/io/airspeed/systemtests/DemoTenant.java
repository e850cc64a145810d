package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.demo.DemoOrg;
import io.airspeed.localstack.demo.DemoOrgBootstrap;
import io.airspeed.localstack.demo.DemoOrgBootstrap.DemoIngestion;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A copy of the simulator's demo company under its own id and credentials, connected to an org of
 * its own with the demo people, after the demo ingestion (a backfill, then a scheduled run). Each
 * test class gets one, so what one class changes (a late recording, a visibility) no other sees.
 */
record DemoTenant(SimulatedCompany company, DemoOrg org, DemoIngestion ingestion) {

    static DemoTenant create(LocalStack stack, String id) {
        // Anchored now rather than at the simulator's start: the late recording must still be late.
        CompanySpec spec = DemoCompany.spec(Instant.now().truncatedTo(ChronoUnit.SECONDS), 42).toBuilder()
                .id(id).name("Acme " + id).credentials(id + "-api-id", id + "-api-token").build();
        SimulatedCompany company = stack.simulator().addCompany(spec);
        DemoOrgBootstrap bootstrap = new DemoOrgBootstrap(stack.api());
        DemoOrg org = bootstrap.create("Acme " + id);
        DemoIngestion ingestion = bootstrap.ingest(org, spec.apiId(), spec.apiToken());
        return new DemoTenant(company, org, ingestion);
    }

    static long callId(String scenario) {
        return DemoCompany.callId(scenario);
    }

    String admin() {
        return org.adminToken();
    }

    String member(String email) {
        return org.memberToken(email);
    }

    UUID user(String email) {
        return org.userId(email);
    }

    /** The current decision of every call ingestion saw, by Aircall call id. */
    Map<Long, JsonNode> decisions(LocalStack stack) {
        Map<Long, JsonNode> byId = new HashMap<>();
        stack.api().allDecisions(admin(), Map.of()).forEach(d -> byId.put(d.path("aircallCallId").asLong(), d));
        return byId;
    }

    /** What {@code GET /api/calls} lists for this token, by Aircall call id. */
    static Map<Long, JsonNode> visibleCalls(LocalStack stack, String token) {
        List<JsonNode> calls = stack.api().allCalls(token);
        Map<Long, JsonNode> byId = new HashMap<>();
        calls.forEach(c -> byId.put(c.path("aircallCallId").asLong(), c));
        if (byId.size() != calls.size()) {
            throw new AssertionError("GET /api/calls lists an Aircall call twice: " + calls);
        }
        return byId;
    }

    static UUID id(JsonNode call) {
        return UUID.fromString(call.path("id").asText());
    }
}
