package io.airspeed.aircall.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.CallSource;
import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.support.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LoadDataSetTest {

    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-01-31T00:00:00Z");

    private static LoadDataSet load(long calls, long seed) {
        return LoadDataSet.builder().calls(calls).users(25).range(FROM, TO).seed(seed).build();
    }

    @Test
    void countsCallsInARangeArithmeticallyAsAScanWould() {
        LoadDataSet set = load(5_003, 1);
        CallSource calls = set.calls();
        long[][] ranges = {{FROM.getEpochSecond(), TO.getEpochSecond()},
                {FROM.getEpochSecond() + 12_345, FROM.getEpochSecond() + 400_000},
                {TO.getEpochSecond() - 1, TO.getEpochSecond() + 10},
                {FROM.getEpochSecond() - 100, FROM.getEpochSecond() + 1}};
        for (long[] r : ranges) {
            long scanned = 0;
            for (long i = 0; i < calls.size(); i++) {
                long s = calls.get(i).startedAt();
                if (s >= r[0] && s < r[1]) {
                    scanned++;
                }
            }
            assertThat(set.countBetween(r[0], r[1])).as("range %s..%s", r[0], r[1]).isEqualTo(scanned);
        }
    }

    @Test
    void spreadsCallsEvenlyInStartOrder() {
        CallSource calls = load(10_000, 1).calls();
        long previous = Long.MIN_VALUE;
        for (long i = 0; i < calls.size(); i++) {
            SimulatedCall c = calls.get(i);
            assertThat(c.startedAt()).isGreaterThanOrEqualTo(previous).isGreaterThanOrEqualTo(FROM.getEpochSecond())
                    .isLessThan(TO.getEpochSecond());
            previous = c.startedAt();
        }
        long spacing = Duration.between(FROM, TO).toSeconds() / 10_000;
        assertThat(calls.get(5_000).startedAt() - calls.get(4_999).startedAt()).isBetween(spacing, spacing + 1);
    }

    @Test
    void derivesTheSameCallForTheSameIdAndSeed() {
        CallSource a = load(1_000_000, 5).calls();
        CallSource b = load(1_000_000, 5).calls();
        CallSource other = load(1_000_000, 6).calls();

        for (long i : new long[]{0, 1, 123_456, 999_999}) {
            assertThat(a.get(i)).isEqualTo(b.get(i));
            assertThat(a.findById(a.get(i).id())).isEqualTo(a.get(i));
        }
        assertThat(a.get(123_456)).isNotEqualTo(other.get(123_456));
    }

    @Test
    void mixesMostlyLongRecordedCallsWithShortMissedAndUnrecordedOnes() {
        CallSource calls = load(20_000, 3).calls();
        int longRecorded = 0;
        int shortCalls = 0;
        int missed = 0;
        int unrecorded = 0;
        Set<String> emails = new HashSet<>();
        for (long i = 0; i < calls.size(); i++) {
            SimulatedCall c = calls.get(i);
            assertThat(c.duration()).isEqualTo(c.endedAt() - c.startedAt());
            if (c.user() == null) {
                missed++;
                assertThat(c.missedCallReason()).isNotNull();
                assertThat(c.answeredAt()).isNull();
                continue;
            }
            emails.add(c.user().email());
            if (c.duration() < 60) {
                shortCalls++;
            } else if (c.recordingAvailableAt() == null) {
                unrecorded++;
                assertThat(c.number().liveRecordingActivated()).isFalse();
            } else {
                longRecorded++;
            }
        }
        assertThat(longRecorded).isBetween(15_500, 16_500);
        assertThat(shortCalls).isBetween(1_400, 1_800);
        assertThat(missed).isBetween(1_000, 1_400);
        assertThat(unrecorded).isBetween(1_000, 1_400);
        assertThat(emails).hasSize(25).contains("user1@load.test", "user25@load.test");
    }

    @Test
    void pagesAMillionCallSetConsistentlyAndQuickly() {
        try (AircallSimulator simulator = AircallSimulator.builder().unthrottled(true)
                .withLoadCompany(b -> b.calls(1_000_000).range(FROM, TO)).start()) {
            ApiClient load = ApiClient.basic(simulator, LoadDataSet.API_ID, LoadDataSet.API_TOKEN);
            long from = FROM.getEpochSecond() + 1_000_000;
            long to = from + 86_400;
            long expected = ((LoadDataSet.builder().calls(1_000_000).range(FROM, TO).build()))
                    .countBetween(from, to + 1);

            long start = System.nanoTime();
            JsonNode first = load.getJson("/v1/calls?per_page=50&from=" + from + "&to=" + to);
            JsonNode last = load.getJson("/v1/calls?per_page=50&order=desc&from=" + from + "&to=" + to);
            JsonNode whole = load.getJson("/v1/calls?per_page=50");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(first.get("meta").get("total").asLong()).isEqualTo(expected).isGreaterThan(30_000);
            assertThat(whole.get("meta").get("total").asLong()).isEqualTo(1_000_000);
            assertThat(first.get("calls").get(0).get("started_at").asLong()).isGreaterThanOrEqualTo(from);
            assertThat(last.get("calls").get(0).get("started_at").asLong()).isLessThanOrEqualTo(to);
            assertThat(elapsedMillis).isLessThan(2_000);

            JsonNode listed = first.get("calls").get(17);
            JsonNode byId = load.getJson("/v1/calls/" + listed.get("id").asLong()).get("call");
            assertThat(byId.toString().replaceAll("expires=\\d+&sig=\\w+", ""))
                    .isEqualTo(listed.toString().replaceAll("expires=\\d+&sig=\\w+", ""));
        }
    }

    @Test
    void pagingAWindowVisitsEveryCallOnce() {
        try (AircallSimulator simulator = AircallSimulator.builder().unthrottled(true)
                .withLoadCompany(b -> b.calls(50_000).range(FROM, TO)).start()) {
            ApiClient load = ApiClient.basic(simulator, LoadDataSet.API_ID, LoadDataSet.API_TOKEN);
            long from = FROM.getEpochSecond() + 500_000;
            long to = from + 3 * 86_400 - 1;
            Set<Long> ids = new HashSet<>();
            long total = -1;
            String url = "/v1/calls?per_page=50&from=" + from + "&to=" + to;
            while (url != null) {
                JsonNode page = load.getJson(url);
                total = page.get("meta").get("total").asLong();
                page.get("calls").forEach(c -> assertThat(ids.add(c.get("id").asLong())).isTrue());
                JsonNode next = page.get("meta").get("next_page_link");
                url = next.isNull() ? null : next.asText();
            }
            assertThat((long) ids.size()).isEqualTo(total);
            assertThat(total).isEqualTo(simulator.company(LoadDataSet.ID).calls().countStartedBefore(to + 1)
                    - simulator.company(LoadDataSet.ID).calls().countStartedBefore(from));
        }
    }
}
