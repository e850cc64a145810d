package io.airspeed.ingest.support;

import io.airspeed.aircall.simulator.company.CompanySpec;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;

/**
 * An Airspeed org with its own Aircall company in the simulator, its roster served by the
 * stubbed users-service and its imported calls accepted by the stubbed visibility-service.
 */
public final class TestOrg {

    public static final String DATABASE = "ingest";

    public final UUID orgId = UUID.randomUUID();
    public final UUID adminId = UUID.randomUUID();
    public final SimulatedCompany company;
    private final List<Map<String, Object>> roster = new ArrayList<>();

    private TestOrg(SimulatedCompany company) {
        this.company = company;
    }

    public static TestOrg create() {
        String id = "c" + UUID.randomUUID().toString().replace("-", "");
        SimulatedCompany company = AircallSimulatorTestResource.simulator().addCompany(
                CompanySpec.builder(id).name("Company " + id).credentials(id + "-id", id + "-token").build());
        TestOrg org = new TestOrg(company);
        org.publishRoster();
        org.visibilityAnswers(201);
        return org;
    }

    public String adminToken() {
        return DevTokens.admin(orgId, adminId, "admin@acme.test");
    }

    public String memberToken() {
        return DevTokens.member(orgId, UUID.randomUUID(), "member@acme.test");
    }

    public String memberToken(UUID userId) {
        return DevTokens.member(orgId, userId, "member-" + userId + "@acme.test");
    }

    /** What the stubbed visibility-service answers to the access check of one call for one user. */
    public void visibilityAccess(long aircallCallId, UUID userId, String visibility, boolean participant, boolean visible) {
        PeerServicesTestResource.peers().stubFor(get(urlPathEqualTo("/internal/orgs/" + orgId + "/calls/by-aircall-id/"
                        + aircallCallId + "/access")).withQueryParam("userId", equalTo(userId.toString()))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"exists\":true,\"callId\":\"" + UUID.randomUUID() + "\",\"visibility\":\"" + visibility
                                + "\",\"userIsParticipant\":" + participant + ",\"visibleToUser\":" + visible + "}")));
    }

    /** Adds an Airspeed user to the roster users-service serves for this org. */
    public UUID rosterUser(String email, String seat, boolean active, List<String> aliases, List<Long> aircallIds) {
        UUID userId = UUID.randomUUID();
        List<String> emails = new ArrayList<>();
        emails.add(email.trim().toLowerCase());
        aliases.forEach(alias -> emails.add(alias.trim().toLowerCase()));
        roster.add(Map.of("userId", userId.toString(), "email", email, "name", email, "normalizedEmails", emails,
                "aircallUserIds", aircallIds, "seat", seat, "role", "MEMBER", "active", active));
        publishRoster();
        return userId;
    }

    /**
     * Changes a user of the roster users-service serves (as an admin's edit would), keeping the
     * user's id and primary email.
     */
    public void updateRosterUser(UUID userId, String seat, boolean active, List<String> aliases, List<Long> aircallIds) {
        for (int i = 0; i < roster.size(); i++) {
            Map<String, Object> user = roster.get(i);
            if (user.get("userId").equals(userId.toString())) {
                String email = (String) user.get("email");
                List<String> emails = new ArrayList<>();
                emails.add(email.trim().toLowerCase());
                aliases.forEach(alias -> emails.add(alias.trim().toLowerCase()));
                roster.set(i, Map.of("userId", userId.toString(), "email", email, "name", email, "normalizedEmails", emails,
                        "aircallUserIds", aircallIds, "seat", seat, "role", user.get("role"), "active", active));
                publishRoster();
                return;
            }
        }
        throw new IllegalArgumentException("No roster user " + userId);
    }

    /** One roster change as users-service sends it; {@code active}, {@code role}, {@code seat}: the state after it. */
    public static Map<String, Object> change(UUID changeId, long sequence, UUID userId, String kind, boolean active, String role,
                                             String seat, List<String> emails, List<Long> aircallUserIds) {
        return Map.of("id", changeId.toString(), "sequence", sequence, "userId", userId.toString(), "kind", kind,
                "occurredAt", Instant.now().toString(), "user", Map.of("active", active, "role", role, "seat", seat),
                "emails", emails, "aircallUserIds", aircallUserIds);
    }

    /** Posts roster changes to ingest-service the way users-service does: with a service token. */
    public Response postRosterChanges(List<Map<String, Object>> changes) {
        return given().auth().oauth2(DevTokens.service()).contentType(ContentType.JSON)
                .body(Map.of("changes", changes)).post("/internal/orgs/" + orgId + "/roster-changes");
    }

    /** One number from the database; the org id is bound as the last parameter, as in {@link #sql}. */
    public long sqlLong(String query, Object... parameters) {
        PostgresServer server = PostgresServer.shared();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(DATABASE), server.user(), server.password())) {
            connection.createStatement().execute("set search_path to ingest");
            PreparedStatement prepared = connection.prepareStatement(query);
            int index = 1;
            for (Object parameter : parameters) {
                prepared.setObject(index++, parameter instanceof Instant instant ? Timestamp.from(instant) : parameter);
            }
            prepared.setObject(index, orgId);
            try (var result = prepared.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public UUID rosterUser(String email) {
        return rosterUser(email, "RECORDING", true, List.of(), List.of());
    }

    private void publishRoster() {
        String users = roster.stream().map(TestOrg::json).collect(Collectors.joining(","));
        PeerServicesTestResource.peers().stubFor(get(urlEqualTo("/internal/orgs/" + orgId + "/roster"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"orgId\":\"" + orgId + "\",\"users\":[" + users + "]}")));
    }

    public void usersServiceAnswers(int status) {
        PeerServicesTestResource.peers().stubFor(get(urlEqualTo("/internal/orgs/" + orgId + "/roster"))
                .willReturn(aResponse().withStatus(status)));
    }

    public void restoreUsersService() {
        publishRoster();
    }

    public void visibilityAnswers(int status) {
        visibilityAnswers(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("{}"));
    }

    /** What the stubbed visibility-service answers to every delivery of this org: single PUTs and bulk ones. */
    public void visibilityAnswers(ResponseDefinitionBuilder answer) {
        PeerServicesTestResource.peers().stubFor(put(urlPathMatching(singlePath())).willReturn(answer));
        PeerServicesTestResource.peers().stubFor(put(urlPathEqualTo(bulkPath())).willReturn(answer));
    }

    private String singlePath() {
        return "/internal/orgs/" + orgId + "/calls/[0-9]+";
    }

    /** visibility-service's bulk import path for this org. */
    public String bulkPath() {
        return "/internal/orgs/" + orgId + "/calls";
    }

    /** How many times visibility-service was handed this call. */
    public int deliveriesOf(long aircallCallId) {
        return deliveryCounts().getOrDefault(aircallCallId, 0L).intValue();
    }

    /** Deliveries to visibility-service per Aircall call id, read from the stub's journal at once. */
    public Map<Long, Long> deliveryCounts() {
        return deliveredCallIds(request -> true).stream()
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    /**
     * The Aircall call ids of every delivery the stubbed visibility-service received and {@code answered}
     * accepts, one entry per call handed over: a single PUT's, and each item of a bulk PUT.
     */
    public List<Long> deliveredCallIds(java.util.function.Predicate<com.github.tomakehurst.wiremock.stubbing.ServeEvent> answered) {
        String prefix = "/internal/orgs/" + orgId + "/calls";
        List<Long> ids = new ArrayList<>();
        for (var event : PeerServicesTestResource.peers().getAllServeEvents()) {
            var request = event.getRequest();
            if (!"PUT".equals(request.getMethod().getName()) || !answered.test(event)) {
                continue;
            }
            String path = request.getUrl();
            if (path.equals(prefix)) {
                ids.addAll(new JsonPath(request.getBodyAsString()).getList("calls.aircallCallId", Long.class));
            } else if (path.matches(java.util.regex.Pattern.quote(prefix) + "/[0-9]+")) {
                ids.add(Long.parseLong(path.substring(prefix.length() + 1)));
            }
        }
        return ids;
    }

    /** The sizes of the bulk deliveries visibility-service received for this org, in no particular order. */
    public List<Integer> bulkDeliverySizes() {
        return PeerServicesTestResource.peers().findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                        urlPathEqualTo(bulkPath()))).stream()
                .map(request -> new JsonPath(request.getBodyAsString()).getList("calls").size())
                .toList();
    }

    /** Single-call deliveries visibility-service received for this org. */
    public int singleDeliveries() {
        return PeerServicesTestResource.peers().findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                urlPathMatching(singlePath()))).size();
    }

    public SimulatedUser aircallUser(long id, String email) {
        SimulatedUser user = SimulatedUser.of(id, "Agent " + id, email, Instant.parse("2025-01-01T00:00:00Z"));
        company.addUser(user);
        return user;
    }

    /** A finished, answered, recorded call by {@code user} (null: nobody) that lasted {@code seconds}. */
    public SimulatedCall call(SimulatedUser user, Instant startedAt, long seconds) {
        long start = startedAt.getEpochSecond();
        return company.addCall(company.newCall().user(user).startedAt(start).answeredAt(user == null ? null : start + 3)
                .endedAt(start + seconds).recordingAvailableAt(user == null ? null : start + seconds).build());
    }

    public SimulatedCall addCall(java.util.function.UnaryOperator<SimulatedCall.Builder> shape) {
        return company.addCall(shape.apply(company.newCall()).build());
    }

    public Response connect() {
        return given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("apiId", company.apiId(), "apiToken", company.apiToken()))
                .put("/api/integrations/aircall");
    }

    /** As if the integration had been connected since {@code since} (and never read before). */
    public void connectedSince(Instant since) {
        sql("update connection_windows set opened_at = ? where org_id = ? and closed_at is null", since);
        sql("update integrations set first_connected_at = ?, connected_at = ? where org_id = ?", since, since);
    }

    /**
     * The service-token trigger of every connected org's run, waited for as the CronJob does. It runs
     * the orgs every earlier test class of this JVM left connected too (some throttled): longer than
     * RestAssured's default read timeout.
     */
    public static Response triggerAllOrgsAndWait() {
        return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 180_000)))
                .auth().oauth2(DevTokens.service()).post("/api/ingestion/runs?wait=true");
    }

    public Response runAndWait() {
        return given().auth().oauth2(adminToken()).post("/api/ingestion/runs?wait=true");
    }

    public JsonPath decisions(String query) {
        return given().auth().oauth2(adminToken()).get("/api/ingestion/decisions?size=200" + (query.isEmpty() ? "" : "&" + query))
                .then().statusCode(200).extract().jsonPath();
    }

    public Map<String, Object> decisionOf(long aircallCallId) {
        List<Map<String, Object>> items = decisions("aircallCallId=" + aircallCallId).getList("items");
        return items.isEmpty() ? null : items.get(0);
    }

    public JsonPath run(String runId) {
        return given().auth().oauth2(adminToken()).get("/api/ingestion/runs/" + runId)
                .then().statusCode(200).extract().jsonPath();
    }

    public void sql(String statement, Object... parameters) {
        PostgresServer server = PostgresServer.shared();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(DATABASE), server.user(), server.password());
             PreparedStatement prepared = connection.prepareStatement("set search_path to ingest; " + statement)) {
            int index = 1;
            for (Object parameter : parameters) {
                prepared.setObject(index++, parameter instanceof Instant instant ? Timestamp.from(instant) : parameter);
            }
            prepared.setObject(index, orgId);
            prepared.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, Object> map) {
        return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + value(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TestOrg::value).collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(value);
    }
}
