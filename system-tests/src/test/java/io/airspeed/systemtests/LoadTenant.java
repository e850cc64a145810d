package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.demo.LoadOrg;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A generated Aircall account of a few thousand calls a few days back, and an org connected to
 * it; big enough that a run lasts seconds and can be interrupted. Backfills read it: its calls lie
 * before the connection, and a backfill is the run that may import them.
 */
record LoadTenant(SimulatedCompany company, LoadDataSet data, LoadOrg org) {

    static LoadTenant create(LocalStack stack, String id, int calls, long firstCallId) {
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
        LoadDataSet data = LoadDataSet.builder().company(id, "Load " + id).credentials(id + "-api-id", id + "-api-token")
                .calls(calls).users(5).range(to.minus(Duration.ofDays(1)), to).seed(id.hashCode()).firstCallId(firstCallId)
                .build();
        SimulatedCompany company = stack.simulator().addCompany(data.spec());
        return new LoadTenant(company, data, LoadOrg.create(stack.api(), id, data));
    }

    Instant backfillFrom() {
        return data.from().minus(Duration.ofHours(1));
    }

    Instant backfillTo() {
        return data.to().plus(Duration.ofHours(1));
    }

    Set<Long> allCallIds() {
        return LongStream.range(0, data.callCount()).map(i -> data.firstCallId() + i).boxed()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Nothing lost, nothing doubled: every call of the account has exactly one decision, and
     * visibility-service holds each imported call exactly once.
     */
    void assertEveryCallDecidedOnceAndEveryImportDeliveredOnce(LocalStack stack) {
        String admin = org.adminToken();
        // Deliveries left pending by an interrupted run drain through the outbox's retries, not at once.
        long importedCount = stack.api().decisionCount(admin, Map.of("outcome", "IMPORTED"));
        // Also those visibility-service took while the process died before it could mark them
        // delivered: they are sent again (idempotently), and the assertions below want them settled.
        IngestDatabase database = new IngestDatabase(stack);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.api().callCount(admin) >= importedCount && database.deliveriesPending(org.orgId()) == 0);
        List<JsonNode> decisions = stack.api().allDecisions(admin, Map.of());
        Set<Long> decided = decisions.stream().map(d -> d.path("aircallCallId").asLong()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(decisions).hasSize(decided.size());
        assertThat(decided).isEqualTo(allCallIds());

        Set<Long> imported = decisions.stream().filter(d -> d.path("outcome").asText().equals("IMPORTED"))
                .map(d -> d.path("aircallCallId").asLong()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(imported.size()).as("about 80 %% of a load data set imports").isGreaterThan(decisions.size() / 2);
        assertThat(decisions.stream().filter(d -> d.path("outcome").asText().equals("IMPORTED")))
                .allSatisfy(d -> assertThat(d.path("delivery").path("status").asText()).isEqualTo("DELIVERED"));

        List<JsonNode> calls = stack.api().allCalls(admin);
        Set<Long> visible = calls.stream().map(c -> c.path("aircallCallId").asLong()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(calls).hasSize(visible.size());
        assertThat(visible).isEqualTo(imported);
    }
}
