package io.airspeed.aircall.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.http.AircallErrors;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedNumber;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.aircall.simulator.support.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PaginationTest {

    /** 45 calls, one a minute from T0, ids 1..45. */
    static final long T0 = 1_700_000_000L;
    static final int CALLS = 45;
    static final String TEN_K_BODY = "{\"error\":\"Bad Request\",\"message\":\"BAD_REQUEST\",\"errors\":\"Your query is "
            + "limited to 10k results and pagination is out of bound, please use timestamps or other filters.\","
            + "\"troubleshoot\":\"BAD_REQUEST\",\"success\":false,\"data\":null}";

    static AircallSimulator simulator;
    static ApiClient paging;
    static ApiClient load;

    @BeforeAll
    static void start() {
        SimulatedUser agent = SimulatedUser.of(7, "Agent", "agent@paging.test", Instant.parse("2024-01-01T00:00:00Z"));
        SimulatedNumber line = new SimulatedNumber(1, "Line", "+1 415-555-0100", "US", "America/New_York", false, true);
        CompanySpec.Builder spec = CompanySpec.builder("paging").credentials("paging-id", "paging-token")
                .users(List.of(agent));
        for (int i = 0; i < CALLS; i++) {
            spec.call(SimulatedCall.builder().id(i + 1).startedAt(T0 + 60L * i).answeredAt(T0 + 60L * i + 5)
                    .endedAt(T0 + 60L * i + 50).user(agent).number(line).build());
        }
        simulator = AircallSimulator.builder()
                .unthrottled(true)
                .company(spec.build())
                .withLoadCompany(b -> b.calls(20_000).range(Instant.ofEpochSecond(T0), Instant.ofEpochSecond(T0 + 200_000)))
                .start();
        paging = ApiClient.basic(simulator, "paging-id", "paging-token");
        load = ApiClient.basic(simulator, "load-api-id", "load-api-token");
    }

    @AfterAll
    static void stop() {
        simulator.stop();
    }

    @AfterEach
    void restoreSettings() {
        simulator.settings().fromInclusive(true).toInclusive(true);
    }

    @Test
    void followsNextPageLinksToTheLastPageWhereTheLinkIsNull() {
        List<Long> ids = new ArrayList<>();
        String url = "/v1/calls?per_page=10&fetch_contact=false";
        int pages = 0;
        JsonNode page;
        do {
            page = paging.getJson(url);
            pages++;
            page.get("calls").forEach(c -> ids.add(c.get("id").asLong()));
            url = page.get("meta").get("next_page_link").isNull() ? null : page.get("meta").get("next_page_link").asText();
        } while (url != null);

        assertThat(pages).isEqualTo(5);
        assertThat(ids).hasSize(CALLS).doesNotHaveDuplicates().isSorted();
        assertThat(page.get("meta").get("count").asInt()).isEqualTo(5);
        assertThat(page.get("meta").get("current_page").asInt()).isEqualTo(5);
        assertThat(page.get("meta").get("next_page_link").isNull()).isTrue();
    }

    @Test
    void nextPageLinkIsAbsoluteAndKeepsEveryQueryParameter() {
        String query = "/v1/calls?from=" + T0 + "&to=" + (T0 + 3600) + "&order=asc&per_page=10&fetch_contact=false";
        JsonNode meta = paging.getJson(query).get("meta");

        assertThat(meta.get("next_page_link").asText())
                .isEqualTo(simulator.baseUrl() + "/v1/calls?from=" + T0 + "&to=" + (T0 + 3600)
                        + "&order=asc&per_page=10&fetch_contact=false&page=2");
        assertThat(meta.get("previous_page_link").isNull()).isTrue();

        JsonNode second = paging.getJson(meta.get("next_page_link").asText()).get("meta");
        assertThat(second.get("current_page").asInt()).isEqualTo(2);
        assertThat(second.get("next_page_link").asText()).endsWith("&fetch_contact=false&page=3");
        assertThat(second.get("previous_page_link").asText())
                .startsWith(simulator.baseUrl() + "/v1/calls?from=").endsWith("&page=1");
    }

    @Test
    void metaCarriesCountTotalPageAndPerPage() {
        JsonNode meta = paging.getJson("/v1/calls?per_page=10&page=2").get("meta");

        assertThat(meta.get("count").asInt()).isEqualTo(10);
        assertThat(meta.get("total").asInt()).isEqualTo(CALLS);
        assertThat(meta.get("current_page").asInt()).isEqualTo(2);
        assertThat(meta.get("per_page").asInt()).isEqualTo(10);
    }

    @Test
    void defaultsToTwentyCallsPerPageInAscendingOrder() {
        JsonNode page = paging.getJson("/v1/calls");

        assertThat(page.get("calls")).hasSize(20);
        assertThat(page.get("meta").get("per_page").asInt()).isEqualTo(20);
        assertThat(page.get("calls").get(0).get("id").asLong()).isEqualTo(1);
        assertThat(page.get("calls").get(19).get("id").asLong()).isEqualTo(20);
    }

    @Test
    void listsNewestFirstWithOrderDesc() {
        List<Long> startedAt = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            paging.getJson("/v1/calls?order=desc&per_page=20&page=" + p).get("calls")
                    .forEach(c -> startedAt.add(c.get("started_at").asLong()));
        }

        assertThat(startedAt).hasSize(CALLS).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(startedAt.get(0)).isEqualTo(T0 + 60L * (CALLS - 1));
    }

    @Test
    void answers400WhenPerPageIsOver50() {
        HttpResponse<String> response = paging.get("/v1/calls?per_page=51");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"Bad Request\",\"message\":\"BAD_REQUEST\","
                + "\"errors\":\"per_page must be less than or equal to 50\",\"troubleshoot\":\"BAD_REQUEST\","
                + "\"success\":false,\"data\":null}");
        assertThat(paging.get("/v1/calls?per_page=50").statusCode()).isEqualTo(200);
    }

    @Test
    void answers400ForMalformedParameters() {
        assertThat(paging.get("/v1/calls?order=sideways").statusCode()).isEqualTo(400);
        assertThat(paging.get("/v1/calls?page=0").statusCode()).isEqualTo(400);
        assertThat(paging.get("/v1/calls?from=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void reportsTotalAboveTenThousandAndServesTheLastPageUnderTheCap() {
        JsonNode page = load.getJson("/v1/calls?per_page=50&page=200");

        assertThat(page.get("meta").get("total").asLong()).isEqualTo(20_000);
        assertThat(page.get("calls")).hasSize(50);
        assertThat(page.get("meta").get("next_page_link").asText()).endsWith("page=201");
    }

    @Test
    void answers400WhenPagePassesTenThousandRecords() {
        HttpResponse<String> response = load.get("/v1/calls?per_page=50&page=201");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(TEN_K_BODY);
        assertThat(AircallErrors.badRequest(AircallErrors.TEN_K_MESSAGE)).isEqualTo(TEN_K_BODY);
    }

    @Test
    void servesEmptyPageWithNullNextLinkPastTheLastPage() {
        JsonNode page = paging.getJson("/v1/calls?per_page=20&page=9");

        assertThat(page.get("calls")).isEmpty();
        assertThat(page.get("meta").get("total").asInt()).isEqualTo(CALLS);
        assertThat(page.get("meta").get("next_page_link").isNull()).isTrue();
        assertThat(page.get("meta").get("previous_page_link").asText()).endsWith("page=8");
    }

    @Test
    void filtersOnStartedAtWithBothBoundsInclusiveByDefault() {
        JsonNode page = paging.getJson("/v1/calls?per_page=50&from=" + (T0 + 600) + "&to=" + (T0 + 1200));

        assertThat(page.get("meta").get("total").asInt()).isEqualTo(11);
        assertThat(page.get("calls").get(0).get("started_at").asLong()).isEqualTo(T0 + 600);
        assertThat(page.get("calls").get(10).get("started_at").asLong()).isEqualTo(T0 + 1200);
    }

    @Test
    void excludesCallsOnTheBoundsWhenConfiguredExclusive() {
        simulator.settings().fromInclusive(false).toInclusive(false);

        JsonNode page = paging.getJson("/v1/calls?per_page=50&from=" + (T0 + 600) + "&to=" + (T0 + 1200));

        assertThat(page.get("meta").get("total").asInt()).isEqualTo(9);
        assertThat(page.get("calls").get(0).get("started_at").asLong()).isEqualTo(T0 + 660);
        assertThat(page.get("calls").get(8).get("started_at").asLong()).isEqualTo(T0 + 1140);
    }

    @Test
    void mixesInclusiveFromWithExclusiveTo() {
        simulator.settings().fromInclusive(true).toInclusive(false);

        JsonNode page = paging.getJson("/v1/calls?per_page=50&from=" + (T0 + 600) + "&to=" + (T0 + 1200));

        assertThat(page.get("meta").get("total").asInt()).isEqualTo(10);
        assertThat(page.get("calls").get(0).get("started_at").asLong()).isEqualTo(T0 + 600);
    }

    @Test
    void filtersBetweenCallsWhenBoundsFallBetweenStarts() {
        JsonNode page = paging.getJson("/v1/calls?from=" + (T0 + 601) + "&to=" + (T0 + 659));

        assertThat(page.get("meta").get("total").asInt()).isZero();
        assertThat(page.get("calls")).isEmpty();
    }

    @Test
    void getsOneCallByIdInACallEnvelope() {
        JsonNode body = paging.getJson("/v1/calls/7");

        assertThat(body.fieldNames()).toIterable().containsExactly("call");
        assertThat(body.get("call").get("id").asLong()).isEqualTo(7);
    }

    @Test
    void answers404ForUnknownCallId() {
        assertThat(paging.get("/v1/calls/999999").statusCode()).isEqualTo(404);
        assertThat(paging.get("/v1/calls/not-a-number").statusCode()).isEqualTo(404);
        assertThat(ApiClient.parse(paging.get("/v1/calls/999999").body()).has("error")).isTrue();
    }

    @Test
    void searchFiltersByDirectionAndUserWithTheSamePaging() {
        JsonNode byUser = paging.getJson("/v1/calls/search?user_id=7&per_page=10");
        JsonNode inbound = paging.getJson("/v1/calls/search?direction=inbound");
        JsonNode otherUser = paging.getJson("/v1/calls/search?user_id=8");

        assertThat(byUser.get("meta").get("total").asInt()).isEqualTo(CALLS);
        assertThat(byUser.get("calls")).hasSize(10);
        assertThat(byUser.get("meta").get("next_page_link").asText()).contains("/v1/calls/search?user_id=7&per_page=10&page=2");
        assertThat(inbound.get("meta").get("total").asInt()).isZero();
        assertThat(otherUser.get("calls")).isEmpty();
    }

    @Test
    void usersArePagedUntilNextPageLinkIsNullWithIsoCreationTimes() {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        String next = "/v1/users?per_page=20";
        int pages = 0;
        while (next != null) {
            JsonNode page = load.getJson(next);
            pages++;
            page.get("users").forEach(user -> {
                ids.add(user.get("id").asLong());
                assertThat(user.get("created_at").isTextual()).isTrue();
                assertThat(Instant.parse(user.get("created_at").asText())).isNotNull();
            });
            assertThat(page.get("meta").get("total").asInt()).isEqualTo(50);
            JsonNode link = page.get("meta").get("next_page_link");
            next = link.isNull() ? null : link.asText().substring(link.asText().indexOf("/v1/"));
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(50);
        assertThat(paging.get("/v1/users/424242").statusCode()).isEqualTo(404);
    }

    @Test
    void searchByUserIsBoundedByFromAndTo() {
        JsonNode window = paging.getJson("/v1/calls/search?user_id=7&from=" + T0 + "&to=" + (T0 + 60 * 9) + "&per_page=50");
        assertThat(window.get("meta").get("total").asInt()).isEqualTo(10);
        assertThat(window.get("meta").get("next_page_link").isNull()).isTrue();
        window.get("calls").forEach(call -> assertThat(call.get("user").get("id").asLong()).isEqualTo(7));
    }
}
