package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.demo.LoadOrg;
import io.airspeed.localstack.process.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ingest-service SIGKILLed in the middle of a <em>scheduled</em> run (the CronJob's kind, not a
 * backfill) over 3,000 calls of the org's connection window: the next scheduled run starts from
 * the checkpoint the dead run's last committed page left, so it reads fewer calls than the whole
 * window; in the end every call has exactly one decision, and visibility-service received every
 * imported call exactly once, counted from its own access log.
 *
 * <p>The kill lands while the run waits on Aircall for its next page, its committed pages'
 * deliveries acknowledged: that is where a run spends its time, and it is the crash the
 * checkpoint and the outbox must make harmless. A kill between visibility-service taking a PUT and
 * ingest-service recording the acknowledgement would make that one call arrive twice, which the
 * outbox accepts by design (at-least-once; visibility-service's upsert is idempotent): the test
 * holds Aircall's answer so that its count at the receiving end stays exact.
 */
class ScheduledRunCrashIT {

    private static final int CALLS = 3_000;
    private static final int PAGE = 50;
    /** The stack leaves INGEST_RESCAN_OVERLAP at its default. */
    private static final Duration RESCAN_OVERLAP = Duration.ofHours(1);
    private static final String ORG = "scheduled-crash";
    /** Pages Aircall serves before it holds the next one: the run is killed some pages into its window. */
    private static final int HOLD_AFTER_PAGES = 12;

    @Test
    void aScheduledRunKilledMidWindowIsResumedByTheNextScheduledRunFromItsLastCommittedPage() throws Exception {
        LocalStack stack = SystemStack.get();
        AirspeedApi api = stack.api();
        ServiceProcess ingest = stack.service(Service.INGEST);
        IngestDatabase database = new IngestDatabase(stack);
        VisibilityRequests visibility = VisibilityRequests.of(stack);

        // A day of calls ending four hours ago (past the recording grace: none stays PENDING), inside
        // a connection window opened two days ago, none read yet.
        Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(4));
        LoadDataSet data = LoadDataSet.builder().company(ORG, "Scheduled crash")
                .credentials(ORG + "-api-id", ORG + "-api-token")
                .calls(CALLS).users(5).range(to.minus(Duration.ofDays(1)), to).seed(29).firstCallId(4_100_000_000L).build();
        SimulatedCompany company = stack.simulator().addCompany(data.spec());
        LoadOrg org = LoadOrg.create(api, ORG, data);
        UUID orgId = org.orgId();
        String admin = org.adminToken();
        database.connectedSince(orgId, Duration.ofDays(2));
        assertThat(database.scannedUntil(orgId)).isNull();

        // Slow Aircall down so that the run is some pages in, not done, when it is caught.
        company.resetCounters();
        company.faults().addLatency(Duration.ofMillis(200));
        JsonNode first = runOf(api.triggerRun(api.tokens().service(), false).expect(202).body(), orgId);
        assertThat(first.path("joined").asBoolean()).isFalse();
        assertThat(first.path("kind").asText()).isEqualTo("SCHEDULED");
        UUID killedRun = AirspeedApi.uuid(first, "id");
        // The run reads pages ahead of its commits (they wait in a buffer), so the moment to hold
        // Aircall is judged by the pages Aircall served, not by the run's progress.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> company.counters().pagesServed() >= HOLD_AFTER_PAGES);
        // Hold the next page (past the client's read timeout, so that its retries are held too): the
        // run ends up waiting on Aircall; the kill comes once every page served is committed and its
        // imported calls delivered and acknowledged.
        company.faults().addLatency(Duration.ofSeconds(60));
        AtomicReference<String> previous = new AtomicReference<>("");
        AtomicReference<JsonNode> atKill = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(700)).untilAsserted(() -> {
            atKill.set(api.run(admin, killedRun));
            long fetched = atKill.get().path("progress").path("fetched").asLong();
            long imported = api.decisionCount(admin, Map.of("outcome", "IMPORTED"));
            String state = "served " + company.counters().callsServed() + ", fetched " + fetched
                    + ", decided " + api.decisionCount(admin, Map.of()) + ", pending deliveries " + database.deliveriesPending(orgId)
                    + ", received " + visibility.totalOf(orgId) + " of " + imported;
            assertThat(state).isEqualTo(previous.getAndSet(state)).isEqualTo("served " + fetched + ", fetched " + fetched
                    + ", decided " + fetched + ", pending deliveries 0, received " + imported + " of " + imported);
        });
        ingest.kill();
        assertThat(ingest.isAlive()).isFalse();
        company.faults().clear();

        long fetchedAtKill = atKill.get().path("progress").path("fetched").asLong();
        assertThat(atKill.get().path("status").asText()).isEqualTo("RUNNING");
        assertThat(fetchedAtKill).isBetween((long) HOLD_AFTER_PAGES * PAGE, CALLS - 1L);
        // The last committed page moved the checkpoint to where the run's cursor stands.
        Instant checkpoint = database.scannedUntil(orgId);
        assertThat(checkpoint).isEqualTo(Instant.parse(atKill.get().path("progress").path("cursor").asText()));
        assertThat(checkpoint).isStrictlyBetween(data.from(), data.to());
        long deliveredBeforeKill = visibility.totalOf(orgId);
        assertThat(deliveredBeforeKill).isPositive();

        ingest.startAndAwaitReady(Duration.ofMinutes(2));
        // The dead run keeps its org's lease until it expires (5 s here): a trigger until then joins it.
        AtomicReference<JsonNode> next = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            next.set(runOf(api.triggerRun(api.tokens().service(), false).expect(202).body(), orgId));
            boolean joined = next.get().path("joined").asBoolean();
            assertThat(AirspeedApi.uuid(next.get(), "id").equals(killedRun)).isEqualTo(joined);
            return !joined;
        });
        UUID resumingRun = AirspeedApi.uuid(next.get(), "id");
        JsonNode resumed = awaitFinished(api, admin, resumingRun, Duration.ofMinutes(4));

        assertThat(resumed.path("status").asText()).as("%s", resumed).isEqualTo("SUCCEEDED");
        assertThat(resumed.path("kind").asText()).isEqualTo("SCHEDULED");
        // From the checkpoint, less the overlap, not from the start of the dead run's window.
        Instant resumedFrom = Instant.parse(resumed.path("window").path("from").asText());
        assertThat(resumedFrom).isEqualTo(checkpoint.minus(RESCAN_OVERLAP));
        long inResumedWindow = data.countBetween(ceilSeconds(resumedFrom), Instant.now().getEpochSecond() + 1);
        long fetchedOnResume = resumed.path("progress").path("fetched").asLong();
        assertThat(fetchedOnResume).as("calls the resuming run read").isEqualTo(inResumedWindow).isLessThan(CALLS)
                .isLessThanOrEqualTo(CALLS - fetchedAtKill + data.countBetween(ceilSeconds(resumedFrom), checkpoint.getEpochSecond() + 1));
        System.out.printf("[scheduled-crash] killed at %d of %d fetched, checkpoint %s; resumed from %s, read %d calls%n",
                fetchedAtKill, CALLS, checkpoint, resumedFrom, fetchedOnResume);
        JsonNode killed = api.run(admin, killedRun);
        assertThat(killed.path("status").asText()).isEqualTo("FAILED");
        assertThat(killed.path("error").asText()).contains("Abandoned").contains(resumingRun.toString());

        // Exactly one decision per call of the account.
        List<JsonNode> decisions = api.allDecisions(admin, Map.of());
        Set<Long> decided = decisions.stream().map(d -> d.path("aircallCallId").asLong()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(decisions).hasSize(CALLS);
        assertThat(decided).isEqualTo(allCallIds(data));
        Set<Long> imported = decisions.stream().filter(d -> d.path("outcome").asText().equals("IMPORTED"))
                .map(d -> d.path("aircallCallId").asLong()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(imported.size()).as("about 80 %% of a load data set imports").isGreaterThan(CALLS / 2);

        // Every imported call received exactly once by visibility-service, none that was not imported.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> database.deliveriesPending(orgId) == 0 && visibility.totalOf(orgId) >= imported.size());
        AtomicReference<Map<Long, Integer>> received = new AtomicReference<>(Map.of());
        // The access log is written behind the answers: the count is read once it has stopped moving.
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Map<Long, Integer> now = visibility.deliveriesOf(orgId);
                    return now.equals(received.getAndSet(now));
                });
        assertThat(received.get().keySet()).isEqualTo(imported);
        assertThat(received.get().entrySet()).filteredOn(e -> e.getValue() != 1).as("calls received more than once").isEmpty();
        assertThat(visibility.totalOf(orgId)).isEqualTo(imported.size());
        assertThat(decisions).filteredOn(d -> d.path("outcome").asText().equals("IMPORTED"))
                .allSatisfy(d -> assertThat(d.path("delivery").path("status").asText()).isEqualTo("DELIVERED"));
        Set<Long> visible = api.allCalls(admin).stream().map(c -> c.path("aircallCallId").asLong())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(visible).isEqualTo(imported);

        // The service-token triggers also started the runs of the other classes' orgs, and the kill
        // left some of them dead: one more trigger, waited for as the CronJob does, lets them all end
        // here rather than weigh on the next test class.
        assertThat(api.triggerRun(api.tokens().service(), true).status()).isIn(200, 202, 502);
    }

    /** This org's entry in a trigger's answer for every connected org. */
    private static JsonNode runOf(JsonNode answer, UUID orgId) {
        Map<String, JsonNode> byOrg = StreamSupport.stream(answer.path("runs").spliterator(), false)
                .collect(Collectors.toMap(run -> run.path("orgId").asText(), Function.identity()));
        assertThat(byOrg).containsKey(orgId.toString());
        return byOrg.get(orgId.toString());
    }

    private static JsonNode awaitFinished(AirspeedApi api, String admin, UUID runId, Duration timeout) {
        AtomicReference<JsonNode> run = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            run.set(api.run(admin, runId));
            return AirspeedApi.isFinished(run.get());
        });
        return run.get();
    }

    private static long ceilSeconds(Instant instant) {
        return instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
    }

    private static Set<Long> allCallIds(LoadDataSet data) {
        return LongStream.range(0, data.callCount()).map(i -> data.firstCallId() + i).boxed()
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
