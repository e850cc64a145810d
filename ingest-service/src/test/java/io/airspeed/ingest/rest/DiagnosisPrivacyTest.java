package io.airspeed.ingest.rest;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.airspeed.ingest.rest.MissingCallDiagnosisTest.diagnose;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy matrix: admin / participant / other member / other org × public / private /
 * skipped / unknown call. A call someone may not know about is answered exactly like a call that
 * does not exist: same status, same body.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class DiagnosisPrivacyTest {

    /** Orgs this class connected; disconnected afterwards so later classes' schedules do not run them. */
    private static final java.util.List<TestOrg> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static TestOrg tracked(TestOrg org) {
        CREATED.add(org);
        return org;
    }

    @org.junit.jupiter.api.AfterAll
    static void disconnectEveryOrg() {
        // Straight in the database: the application's HTTP port is gone by now.
        CREATED.forEach(org -> org.sql("update integrations set status = 'DISCONNECTED' where org_id = ?"));
        CREATED.clear();
    }

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final long UNKNOWN_ID = 777_000_000_001L;

    @Test
    void aPrivateCallIsIndistinguishableFromAnUnknownOneForThoseWhoMayNotSeeIt() {
        TestOrg org = tracked(TestOrg.create());
        UUID bob = org.rosterUser("bob@acme.test");
        UUID mia = org.rosterUser("mia@acme.test");
        SimulatedUser bobInAircall = org.aircallUser(9301, "bob@acme.test");
        SimulatedCall publicCall = org.call(bobInAircall, NOW.minus(Duration.ofHours(10)), 300);
        SimulatedCall privateCall = org.call(bobInAircall, NOW.minus(Duration.ofHours(8)), 300);
        SimulatedCall skipped = org.call(bobInAircall, NOW.minus(Duration.ofHours(6)), 30);
        org.connect().then().statusCode(200);
        org.connectedSince(NOW.minus(Duration.ofDays(1)));
        org.runAndWait().then().statusCode(200);
        // What visibility-service answers, as it would with each user's verified token.
        org.visibilityAccess(publicCall.id(), bob, "PUBLIC", true, true);
        org.visibilityAccess(publicCall.id(), mia, "PUBLIC", false, true);
        org.visibilityAccess(publicCall.id(), org.adminId, "PUBLIC", false, true);
        org.visibilityAccess(privateCall.id(), bob, "PRIVATE", true, true);
        org.visibilityAccess(privateCall.id(), mia, "PRIVATE", false, false);
        org.visibilityAccess(privateCall.id(), org.adminId, "PRIVATE", false, true);

        TestOrg other = tracked(TestOrg.create());
        other.connect().then().statusCode(200);
        UUID otherMember = other.rosterUser("carl@globex.test");

        Map<String, String> askers = new LinkedHashMap<>();
        String adminToken = org.adminToken();
        askers.put("admin", adminToken);
        askers.put("participant", org.memberToken(bob));
        askers.put("other member", org.memberToken(mia));
        askers.put("other org admin", other.adminToken());
        askers.put("other org member", other.memberToken(otherMember));
        Map<String, List<String>> expected = Map.of(
                "admin", List.of("IMPORTED", "IMPORTED", "SKIPPED", "NOT_FOUND"),
                "participant", List.of("IMPORTED", "IMPORTED", "SKIPPED", "NOT_FOUND"),
                "other member", List.of("IMPORTED", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"),
                "other org admin", List.of("NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"),
                "other org member", List.of("NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"));
        List<Long> calls = List.of(publicCall.id(), privateCall.id(), skipped.id(), UNKNOWN_ID);

        // The reference: a call nobody knows, asked the same way.
        String unknownBody = body(askers.get("other org member"), Map.of("aircallCallId", UNKNOWN_ID));
        assertThat(JsonPath.from(unknownBody).getString("verdict")).isEqualTo("NOT_FOUND");
        for (Map.Entry<String, String> asker : askers.entrySet()) {
            for (int i = 0; i < calls.size(); i++) {
                long id = calls.get(i);
                String as = asker.getKey() + " asking about call " + i;
                var response = diagnose(asker.getValue(), Map.of("aircallCallId", id));
                assertThat(response.statusCode()).as(as).isEqualTo(200);
                String body = response.asString();
                assertThat(JsonPath.from(body).getString("verdict")).as(as).isEqualTo(expected.get(asker.getKey()).get(i));
                if (expected.get(asker.getKey()).get(i).equals("NOT_FOUND")) {
                    assertThat(body.replace(Long.toString(id), "ID")).as(as)
                            .isEqualTo(unknownBody.replace(Long.toString(UNKNOWN_ID), "ID"));
                    assertThat(body).as(as).doesNotContain("bob@acme.test").doesNotContain("PRIVATE");
                } else {
                    assertThat(JsonPath.from(body).getLong("call.aircallCallId")).as(as).isEqualTo(id);
                }
            }
        }

        // The same question about the private call, byte for byte, from the member who may not see it and from another org.
        Map<String, Object> byTime = Map.of("startedAround", Instant.ofEpochSecond(privateCall.startedAt()).toString(),
                "aircallUserEmail", "bob@acme.test", "toleranceMinutes", 10);
        assertThat(body(org.memberToken(mia), byTime)).isEqualTo(body(other.memberToken(otherMember), byTime));
        assertThat(body(org.memberToken(mia), Map.of("aircallCallId", privateCall.id())))
                .isEqualTo(body(other.memberToken(otherMember), Map.of("aircallCallId", privateCall.id())));
        assertThat(JsonPath.from(body(org.memberToken(bob), byTime)).getString("verdict")).isEqualTo("IMPORTED");

        // Rule 5's check: visibility-service was handed the admin's own token to verify, not a role claimed for them.
        var asked = PeerServicesTestResource.peers().findAll(getRequestedFor(urlPathEqualTo(
                "/internal/orgs/" + org.orgId + "/calls/by-aircall-id/" + privateCall.id() + "/access"))
                .withQueryParam("userId", WireMock.equalTo(org.adminId.toString())));
        assertThat(asked).isNotEmpty();
        assertThat(asked).allSatisfy(request -> {
            assertThat(request.getHeader("X-Airspeed-User-Token")).isEqualTo(adminToken);
            assertThat(request.getUrl()).doesNotContain("admin=");
        });
        JsonPath adminOnPrivate = JsonPath.from(body(adminToken, Map.of("aircallCallId", privateCall.id())));
        assertThat(adminOnPrivate.getString("checks.find { it.check == 'VISIBILITY' }.status")).isEqualTo("PASS");
        assertThat(adminOnPrivate.getString("checks.find { it.check == 'VISIBILITY' }.detail")).contains("PRIVATE");
    }

    @Test
    void aMemberAskingAboutACallNoAirspeedUserOwnsIsHelpedWithoutLearningAnyoneElsesDetails() {
        TestOrg org = tracked(TestOrg.create());
        UUID mia = org.rosterUser("mia@acme.test");
        org.rosterUser("bob@acme.test");
        SimulatedUser erin = org.aircallUser(9306, "erin@contractor.test");
        SimulatedCall call = org.call(erin, NOW.minus(Duration.ofHours(5)), 300);
        org.connect().then().statusCode(200);
        org.connectedSince(NOW.minus(Duration.ofDays(1)));
        org.runAndWait().then().statusCode(200);

        String byTime = body(org.memberToken(mia), Map.of("startedAround", Instant.ofEpochSecond(call.startedAt()).plusSeconds(60).toString(),
                "aircallUserEmail", "Erin@Contractor.test"));
        JsonPath answer = JsonPath.from(byTime);
        assertThat(answer.getString("verdict")).isEqualTo("SKIPPED");
        assertThat(answer.getString("primaryCheck")).isEqualTo("EMAIL_MATCH");
        assertThat(answer.getString("summary")).isEqualTo("A call at that time by an Aircall user with that email exists, "
                + "and that email matches no Airspeed user — ask an admin to link it to you.");
        assertThat(answer.getString("checks.find { it.check == 'EMAIL_MATCH' }.reason")).isEqualTo("SKIPPED_EMAIL_NOT_MATCHED");
        assertThat(answer.getList("checks.findAll { it.check != 'EMAIL_MATCH' }.status")).containsOnly("UNKNOWN");
        assertThat(answer.getObject("call.durationSeconds", Integer.class)).isNull();
        assertThat(answer.getMap("decision")).isNull();
        assertThat(byTime).doesNotContain("bob@acme.test").doesNotContain("mia@acme.test").doesNotContain("Agent 9306")
                .doesNotContain("300 s");

        String byId = body(org.memberToken(mia), Map.of("aircallCallId", call.id()));
        assertThat(JsonPath.from(byId).getString("primaryCheck")).isEqualTo("EMAIL_MATCH");
        assertThat(byId).doesNotContain("erin@contractor.test").doesNotContain("bob@acme.test").doesNotContain("9306");

        // An admin sees it all.
        String admin = body(org.adminToken(), Map.of("aircallCallId", call.id()));
        assertThat(admin).contains("erin@contractor.test").contains("300 s");
    }

    private static String body(String token, Map<String, Object> question) {
        var response = diagnose(token, question);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.asString();
    }
}
