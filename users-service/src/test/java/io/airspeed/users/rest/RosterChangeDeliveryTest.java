package io.airspeed.users.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.airspeed.devtokens.DevJwt;
import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.rest.RosterChangeRecordingTest.Change;
import io.airspeed.users.support.Database;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The delivery job sends the outbox to both receivers with a service token, retries outages with
 * growing delays, keeps refusals visible, shares claims safely between replicas, and lets one
 * receiver's outage hold back only that receiver (issue 12 item 1).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class RosterChangeDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Set<String> CHANGE_FIELDS = Set.of("id", "sequence", "userId", "kind", "occurredAt", "user", "emails",
            "aircallUserIds");

    private final List<UUID> stubbedOrgs = new ArrayList<>();

    @AfterEach
    void removeOwnStubs() {
        // Another test's org must not inherit an outage; the catch-all stub takes over again.
        for (WireMockServer peer : List.of(PeerServicesTestResource.ingest(), PeerServicesTestResource.visibility())) {
            peer.getStubMappings().stream().filter(stub -> stub.getPriority() != null && stub.getPriority() == 1)
                    .toList().forEach(peer::removeStub);
        }
    }

    @Test
    void postsTheContractBodyToBothReceiversWithAServiceIssuedTokenThenShowsItDelivered() throws Exception {
        TestOrg org = TestOrg.create();
        UUID carol = org.createUser("Carol@Acme.com", "MEMBER", "VIEWER");
        RosterChangeRecordingTest.link(org, carol, "AIRCALL_USER_ID", "1234");
        List<Change> recorded = RosterChangeRecordingTest.changesOf(org.orgId());
        assertThat(recorded).hasSize(3);

        for (WireMockServer peer : List.of(PeerServicesTestResource.ingest(), PeerServicesTestResource.visibility())) {
            await().atMost(PATIENCE).until(() -> changesReceived(peer, org.orgId()).size() >= 3);
            List<JsonNode> received = changesReceived(peer, org.orgId());
            assertThat(received).extracting(c -> c.get("sequence").asLong()).containsExactly(1L, 2L, 3L);
            JsonNode linked = received.get(2);
            assertThat(fieldNames(linked)).isEqualTo(CHANGE_FIELDS);
            assertThat(linked.get("id").asText()).isEqualTo(recorded.get(2).id().toString());
            assertThat(linked.get("userId").asText()).isEqualTo(carol.toString());
            assertThat(linked.get("kind").asText()).isEqualTo("IDENTITY_ADDED");
            assertThat(Instant.parse(linked.get("occurredAt").asText())).isEqualTo(recorded.get(2).occurredAt());
            assertThat(linked.get("occurredAt").asText()).endsWith("Z");
            assertThat(linked.get("user").toString()).isEqualTo("{\"active\":true,\"role\":\"MEMBER\",\"seat\":\"VIEWER\"}");
            assertThat(linked.get("emails").toString()).isEqualTo("[\"carol@acme.com\"]");
            assertThat(linked.get("aircallUserIds").toString()).isEqualTo("[1234]");

            LoggedRequest request = requestsFor(peer, org.orgId()).get(0);
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            assertServiceToken(request.getHeader("Authorization"));
        }

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(org.adminToken())
                .get("/api/roster-changes?status=PENDING").then().statusCode(200).body("totalItems", equalTo(0)));
        var view = given().auth().oauth2(org.adminToken()).get("/api/roster-changes?status=DELIVERED&size=10")
                .then().statusCode(200).body("totalItems", equalTo(3)).extract().jsonPath();
        assertThat(view.getList("items.sequence", Integer.class)).containsExactly(3, 2, 1);
        assertThat(view.getString("items[0].kind")).isEqualTo("IDENTITY_ADDED");
        assertThat(view.getString("items[0].userId")).isEqualTo(carol.toString());
        assertThat(view.getList("items[0].destinations.destination")).containsExactly("INGEST", "VISIBILITY");
        assertThat(view.getList("items[0].destinations.status")).containsExactly("DELIVERED", "DELIVERED");
        assertThat(view.getList("items[0].destinations.attempts", Integer.class)).containsExactly(1, 1);
        assertThat(view.getList("items[0].destinations.deliveredAt")).doesNotContainNull();

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("users_roster_change_delivery_lag_seconds_count\\{destination=\"INGEST\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("users_roster_change_delivery_lag_seconds_count\\{destination=\"VISIBILITY\"[^}]*} [1-9]");
    }

    @Test
    void retriesWithGrowingDelaysWhileIngestAnswers503AndVisibilityIsNotHeldBack() {
        TestOrg org = TestOrg.create();
        stub(PeerServicesTestResource.ingest(), org.orgId(), aResponse().withStatus(503)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"title\":\"Service Unavailable\",\"status\":503}"));
        UUID dave = org.createUser("dave@acme.com", "MEMBER", "RECORDING");
        RosterChangeRecordingTest.patch(org, dave, Map.of("seat", "NONE")).then().statusCode(200);
        List<Change> changes = RosterChangeRecordingTest.changesOf(org.orgId());
        Change created = changes.get(1);
        Change seat = changes.get(2);

        // visibility-service takes both changes while ingest-service is failing.
        await().atMost(PATIENCE).until(() -> changesReceived(PeerServicesTestResource.visibility(), org.orgId()).stream()
                .anyMatch(c -> c.get("id").asText().equals(seat.id().toString())));
        await().atMost(PATIENCE).until(() -> attemptsContaining(PeerServicesTestResource.ingest(), org.orgId(), created.id()).size() >= 4);

        Map<String, Object> pending = destination(org, created.id(), "INGEST");
        assertThat(pending.get("status")).isEqualTo("PENDING");
        assertThat((Integer) pending.get("attempts")).isGreaterThanOrEqualTo(3);
        assertThat(pending.get("lastError")).isEqualTo("ingest-service answered HTTP 503; retrying");
        assertThat(pending.get("nextAttemptAt")).isNotNull();
        assertThat(destination(org, seat.id(), "VISIBILITY").get("status")).isEqualTo("DELIVERED");

        // retry-initial 0.2 s, doubled per failure, capped at 1 s (test profile): a load-tolerant lower bound per gap.
        List<Instant> sent = attemptsContaining(PeerServicesTestResource.ingest(), org.orgId(), created.id()).stream()
                .map(r -> r.getLoggedDate().toInstant()).toList();
        for (int i = 1; i < 4; i++) {
            long expected = Math.min(200L << (i - 1), 1000L);
            assertThat(Duration.between(sent.get(i - 1), sent.get(i)).toMillis()).as("gap before attempt " + (i + 1))
                    .isGreaterThanOrEqualTo(expected - 20);
        }

        removeOwnStubs();
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(destination(org, seat.id(), "INGEST").get("status")));
        Map<String, Object> delivered = destination(org, created.id(), "INGEST");
        assertThat(delivered.get("status")).isEqualTo("DELIVERED");
        assertThat(delivered.get("lastError")).isNull();
        assertThat(delivered.get("nextAttemptAt")).isNull();
        // Each try was sent in sequence order: the seat change never went before the creation.
        List<JsonNode> ingestSaw = changesReceived(PeerServicesTestResource.ingest(), org.orgId());
        assertThat(ingestSaw.get(ingestSaw.size() - 1).get("id").asText()).isEqualTo(seat.id().toString());
        assertThat(ingestSaw.stream().filter(c -> c.get("id").asText().equals(seat.id().toString())).count())
                .isGreaterThanOrEqualTo(1);
        for (LoggedRequest request : requestsFor(PeerServicesTestResource.ingest(), org.orgId())) {
            List<Long> sequences = new ArrayList<>();
            body(request).get("changes").forEach(c -> sequences.add(c.get("sequence").asLong()));
            assertThat(sequences).isSorted();
        }
    }

    @Test
    void aReceiverThatIsDownIsRetriedUntilItIsBackWithoutTellingTheAdminWhereItRuns() {
        TestOrg org = TestOrg.create();
        stub(PeerServicesTestResource.visibility(), org.orgId(), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        UUID erin = org.createUser("erin@acme.com", "MEMBER", "RECORDING");
        Change created = RosterChangeRecordingTest.changesOf(org.orgId()).get(1);
        await().atMost(PATIENCE).until(() -> attemptsContaining(PeerServicesTestResource.visibility(), org.orgId(), created.id()).size() >= 2);
        await().atMost(PATIENCE).until(() -> destination(org, created.id(), "VISIBILITY").get("attempts") instanceof Integer n && n >= 2);

        Map<String, Object> pending = destination(org, created.id(), "VISIBILITY");
        assertThat(pending.get("status")).isEqualTo("PENDING");
        assertThat(pending.get("lastError")).isEqualTo("visibility-service not reachable; retrying");
        // The cause is kept for support, apart from what the admin reads.
        assertThat(Database.query("select last_error from users.roster_change_outbox where change_id = ? and destination = 'VISIBILITY'",
                created.id()).get(0).get("last_error").toString()).contains("not reachable");
        assertThat(destination(org, created.id(), "INGEST").get("status")).isEqualTo("DELIVERED");

        removeOwnStubs();
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(destination(org, created.id(), "VISIBILITY").get("status")));
        assertThat(changesReceived(PeerServicesTestResource.visibility(), org.orgId()).stream()
                .filter(c -> c.get("userId").asText().equals(erin.toString()))).isNotEmpty();
    }

    @Test
    void aRefusalRejectsTheChangesKeepsThemVisibleAndCountedAndLaterChangesStillFlow() {
        TestOrg org = TestOrg.create();
        stub(PeerServicesTestResource.ingest(), org.orgId(), aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Invalid request\",\"status\":400,\"detail\":\"changes[0].kind at db-3.internal:5432\"}"));
        UUID frank = org.createUser("frank@acme.com", "MEMBER", "RECORDING");
        Change created = RosterChangeRecordingTest.changesOf(org.orgId()).get(1);

        await().atMost(PATIENCE).until(() -> "REJECTED".equals(destination(org, created.id(), "INGEST").get("status")));
        Map<String, Object> rejected = destination(org, created.id(), "INGEST");
        assertThat(rejected.get("lastError")).isEqualTo("Refused by ingest-service: HTTP 400 Invalid request");
        assertThat(rejected.get("attempts")).isEqualTo(1);
        assertThat(rejected.get("nextAttemptAt")).isNull();
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(destination(org, created.id(), "VISIBILITY").get("status")));

        // The org's bootstrap change may have met the refusal too; the listing holds the refused ones only.
        var listed = given().auth().oauth2(org.adminToken()).get("/api/roster-changes?status=REJECTED")
                .then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("items.id")).contains(created.id().toString());
        assertThat(listed.getList("items.destinations", List.class))
                .allSatisfy(destinations -> assertThat(destinations.toString()).contains("status=REJECTED"));
        assertThat(given().auth().oauth2(org.adminToken()).get("/api/roster-changes?status=PENDING")
                .then().statusCode(200).extract().jsonPath().getList("items.id")).doesNotContain(created.id().toString());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(gauge("INGEST", "REJECTED"))
                .isEqualTo(count("select count(*) from users.roster_change_outbox where destination = 'INGEST' and status = 'REJECTED'")));
        assertThat(gauge("INGEST", "REJECTED")).isGreaterThanOrEqualTo(1);

        // Refused once is refused for good: not sent again, and not in the way of what follows.
        int tries = attemptsContaining(PeerServicesTestResource.ingest(), org.orgId(), created.id()).size();
        removeOwnStubs();
        RosterChangeRecordingTest.patch(org, frank, Map.of("seat", "VIEWER")).then().statusCode(200);
        Change seat = RosterChangeRecordingTest.changesOf(org.orgId()).get(2);
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(destination(org, seat.id(), "INGEST").get("status")));
        assertThat(attemptsContaining(PeerServicesTestResource.ingest(), org.orgId(), created.id())).hasSize(tries);
        assertThat(destination(org, created.id(), "INGEST").get("status")).isEqualTo("REJECTED");
    }

    @Test
    void changesClaimedByAReplicaThatDiedAreTakenOverOnceItsClaimRunsOut() {
        TestOrg org = TestOrg.create();
        stub(PeerServicesTestResource.ingest(), org.orgId(), aResponse().withStatus(503));
        org.createUser("gina@acme.com", "MEMBER", "RECORDING");
        Change created = RosterChangeRecordingTest.changesOf(org.orgId()).get(1);
        await().atMost(PATIENCE).until(() -> !attemptsContaining(PeerServicesTestResource.ingest(), org.orgId(), created.id()).isEmpty());

        // Another replica claimed the org's pending changes and died before settling them.
        Instant claimedUntil = Instant.now().plusSeconds(4);
        assertThat(Database.update("update users.roster_change_outbox set claimed_by = ?, claimed_until = ?, next_attempt_at = now()"
                        + " where org_id = ? and destination = 'INGEST' and status = 'PENDING'",
                UUID.randomUUID(), java.sql.Timestamp.from(claimedUntil), org.orgId())).isGreaterThanOrEqualTo(1);
        sleepQuietly(Duration.ofMillis(600)); // lets a send already under way before the claim end against the 503
        removeOwnStubs();
        Instant healed = Instant.now();

        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(destination(org, created.id(), "INGEST").get("status")));
        List<Instant> afterHealing = attemptsContaining(PeerServicesTestResource.ingest(), org.orgId(), created.id()).stream()
                .map(r -> r.getLoggedDate().toInstant()).filter(at -> at.isAfter(healed)).toList();
        assertThat(afterHealing).isNotEmpty();
        // Nobody sent them while the dead replica's claim held (the stub's clock has millisecond precision).
        assertThat(afterHealing.get(0)).isAfterOrEqualTo(claimedUntil.minusMillis(5));
    }

    @Test
    void theViewIsForAdminsOfTheOrgOnlyAndNamesABadStatus() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        UUID member = org.createUser("member@acme.com", "MEMBER", "RECORDING");
        given().auth().oauth2(org.memberToken(member)).get("/api/roster-changes").then().statusCode(403);
        given().auth().oauth2(org.adminToken()).get("/api/roster-changes?status=LOST").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        given().auth().oauth2(org.adminToken()).get("/api/roster-changes?size=201").then().statusCode(400);
        var items = given().auth().oauth2(other.adminToken()).get("/api/roster-changes?size=200").then().statusCode(200)
                .body("totalItems", equalTo(1)).extract().jsonPath();
        assertThat(items.getString("items[0].userId")).isEqualTo(other.adminId().toString());
    }

    // ------------------------------------------------------------------------------ helpers

    private void stub(WireMockServer peer, UUID orgId, ResponseDefinitionBuilder answer) {
        peer.stubFor(post(urlPathEqualTo(path(orgId))).atPriority(1).willReturn(answer));
    }

    private static String path(UUID orgId) {
        return "/internal/orgs/" + orgId + "/roster-changes";
    }

    private static List<LoggedRequest> requestsFor(WireMockServer peer, UUID orgId) {
        List<LoggedRequest> requests = new ArrayList<>(peer.findAll(postRequestedFor(urlPathEqualTo(path(orgId)))));
        requests.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
        return requests;
    }

    private static List<JsonNode> changesReceived(WireMockServer peer, UUID orgId) {
        List<JsonNode> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LoggedRequest request : requestsFor(peer, orgId)) {
            body(request).get("changes").forEach(change -> {
                if (seen.add(change.get("id").asText())) {
                    changes.add(change);
                }
            });
        }
        return changes;
    }

    private static List<LoggedRequest> attemptsContaining(WireMockServer peer, UUID orgId, UUID changeId) {
        return requestsFor(peer, orgId).stream().filter(request -> {
            for (JsonNode change : body(request).get("changes")) {
                if (change.get("id").asText().equals(changeId.toString())) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, Object> destination(TestOrg org, UUID changeId, String destination) {
        List<Map<String, Object>> items = given().auth().oauth2(org.adminToken()).get("/api/roster-changes?size=200")
                .then().statusCode(200).extract().jsonPath().getList("items");
        for (Map<String, Object> item : items) {
            if (changeId.toString().equals(item.get("id"))) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> destinations = (List<Map<String, Object>>) item.get("destinations");
                return destinations.stream().filter(d -> destination.equals(d.get("destination"))).findFirst().orElseThrow();
            }
        }
        throw new AssertionError("change " + changeId + " not listed");
    }

    private static long gauge(String destination, String status) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("users_roster_changes_undelivered\\{destination=\"" + destination + "\",status=\""
                + status + "\"[^}]*} ([0-9.E+-]+)").matcher(metrics);
        assertThat(value.find()).as("gauge users_roster_changes_undelivered{%s,%s} exported", destination, status).isTrue();
        return (long) Double.parseDouble(value.group(1));
    }

    private static long count(String sql) {
        return (Long) Database.query(sql).get(0).values().iterator().next();
    }

    /** The token is the service issuer's, for the internal audience, signed with the dev service key. */
    private static void assertServiceToken(String authorization) throws Exception {
        assertThat(authorization).startsWith("Bearer ");
        String[] parts = authorization.substring(7).split("\\.");
        assertThat(parts).hasSize(3);
        String pem = Files.readString(DevJwt.findRepositoryRoot().resolve(DevJwt.SERVICE_KEYS).resolve("public.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signed with dev/service-jwt").isTrue();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("iss").asText()).isEqualTo(DevJwt.SERVICE_ISSUER);
        JsonNode audience = claims.get("aud");
        assertThat(audience.isArray() ? audience.get(0).asText() : audience.asText()).isEqualTo(DevJwt.SERVICE_AUDIENCE);
        assertThat(claims.get("groups").toString()).isEqualTo("[\"service\"]");
        assertThat(claims.get("sub").asText()).isEqualTo("users-service");
        assertThat(claims.has("org_id")).isFalse();
        assertThat(claims.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
