package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.api.ApiClient;
import io.airspeed.localstack.demo.LoadOrg;
import io.airspeed.localstack.process.Ports;
import io.airspeed.localstack.process.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two ingest-service processes on one database, and Aircall answering 429 for longer than the
 * lease TTL (5 s here): the run keeps its org's lease (renewed on a timer while it waits), every
 * trigger on either replica joins it, Aircall is read once, and no call is lost.
 */
class TwoIngestReplicasIT {

    private static final int CALLS = 300;
    private static final int STORM = 8;

    @Test
    void aLong429StormDoesNotLetASecondReplicaStartASecondRunOfTheOrg() throws Exception {
        LocalStack stack = SystemStack.get();
        ServiceProcess first = stack.service(Service.INGEST);
        Map<String, String> env = new HashMap<>(first.environment());
        int port = Ports.freePort();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ServiceProcess second = new ServiceProcess("ingest-service-2", LocalStack.serviceJar(stack.root(), Service.INGEST), port,
                env, List.of("-Xmx512m", "-XX:+UseSerialGC"), stack.logDirectory().resolve("ingest-service-2.log"));
        try {
            second.startAndAwaitReady(Duration.ofMinutes(2));
            run(stack, first, second);
        } finally {
            second.stop();
        }
    }

    private void run(LocalStack stack, ServiceProcess first, ServiceProcess second) throws Exception {
        AirspeedApi api = stack.api();
        AirspeedApi onSecond = new AirspeedApi(new ApiClient(), api.tokens(), api.usersUrl(), second.baseUrl(), api.visibilityUrl());
        Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        LoadDataSet data = LoadDataSet.builder().company("two-replicas", "Two replicas")
                .credentials("two-replicas-api-id", "two-replicas-api-token")
                .calls(CALLS).users(3).range(to.minus(Duration.ofHours(10)), to).seed(11).firstCallId(3_100_000_000L).build();
        SimulatedCompany company = stack.simulator().addCompany(data.spec());
        LoadOrg org = LoadOrg.create(api, "two-replicas", data);
        String admin = org.adminToken();
        IngestDatabase database = new IngestDatabase(stack);
        database.connectedSince(org.orgId(), Duration.ofDays(2));

        // Each 429 is waited out (up to 2 s here): eight in a row keep the run waiting past the 5 s TTL.
        company.setRateLimit(new RateLimit(1000, Duration.ofSeconds(1)));
        company.resetCounters();
        company.faults().rateLimitStorm(STORM);
        JsonNode started = api.triggerRun(admin, false).expect(202).body().path("runs").get(0);
        UUID runId = AirspeedApi.uuid(started, "id");

        Set<UUID> answered = new HashSet<>();
        Instant stormSeen = Instant.now();
        await().atMost(Duration.ofSeconds(10)).until(() -> company.counters().rateLimited() >= 1);
        // Keep triggering on both replicas while the storm lasts, past the TTL.
        while (company.counters().rateLimited() < STORM) {
            for (AirspeedApi replica : List.of(api, onSecond)) {
                JsonNode answer = replica.triggerRun(admin, false).expect(202).body().path("runs").get(0);
                answered.add(AirspeedApi.uuid(answer, "id"));
                assertThat(answer.path("joined").asBoolean()).as("a trigger during the storm joins the run").isTrue();
            }
            Thread.sleep(500);
        }
        assertThat(Duration.between(stormSeen, Instant.now())).isGreaterThan(Duration.ofSeconds(5));
        assertThat(answered).containsExactly(runId);

        JsonNode finished = awaitFinished(api, admin, runId);
        assertThat(finished.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(finished.path("progress").path("fetched").asLong()).isEqualTo(CALLS);
        assertThat(database.runsOf(org.orgId())).as("one run of the org in all").isEqualTo(1);
        // Read once: every call served by Aircall exactly once, every page once, only the storm's 429s on top.
        assertThat(company.counters().callsServed()).isEqualTo(CALLS);
        assertThat(company.counters().pagesServed()).isEqualTo(CALLS / 50);
        assertThat(company.counters().rateLimited()).isEqualTo(STORM);

        List<JsonNode> decisions = api.allDecisions(admin, Map.of());
        assertThat(decisions).hasSize(CALLS);
        long imported = decisions.stream().filter(d -> d.path("outcome").asText().equals("IMPORTED")).count();
        await().atMost(Duration.ofSeconds(60)).until(() -> api.callCount(admin) == imported);
    }

    private static JsonNode awaitFinished(AirspeedApi api, String admin, UUID runId) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            JsonNode run = api.run(admin, runId);
            String status = run.path("status").asText();
            if (status.equals("SUCCEEDED") || status.equals("FAILED") || Instant.now().isAfter(deadline)) {
                return run;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
