package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.api.AirspeedApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Why is my call missing?" over the real services: rule 5's check asks the real
 * visibility-service, which learns that the admin is an admin from the admin's own token, and a
 * member who may not see a private call gets the body of a call that does not exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiagnosisIT {

    private LocalStack stack;
    private AirspeedApi api;
    private DemoTenant acme;

    @BeforeAll
    void ingestTheDemoCompany() {
        stack = SystemStack.get();
        api = stack.api();
        acme = DemoTenant.create(stack, "diagnosis");
    }

    @Test
    void aPrivateCallIsDiagnosedForItsParticipantAndAdminsAndIsNotFoundForOthers() {
        // Bob's call (not Alice's): Bob makes it private.
        long bobsCall = DemoCompany.callIds(DemoCompany.IMPORTED_NORMAL).get(2);
        String bob = acme.member("bob@acme.test");
        String dave = acme.member("dave@acme.test");
        UUID callId = DemoTenant.id(DemoTenant.visibleCalls(stack, acme.admin()).get(bobsCall));
        api.changeVisibility(bob, callId, "PRIVATE").expect(200);

        JsonNode admin = api.diagnose(acme.admin(), Map.of("aircallCallId", bobsCall)).expect(200).body();
        assertThat(admin.path("verdict").asText()).isEqualTo("IMPORTED");
        JsonNode visibility = admin.path("checks").get(4);
        assertThat(visibility.path("check").asText()).isEqualTo("VISIBILITY");
        assertThat(visibility.path("status").asText()).isEqualTo("PASS");
        assertThat(visibility.path("detail").asText()).contains("PRIVATE").contains("admins (you)");

        assertThat(api.diagnose(bob, Map.of("aircallCallId", bobsCall)).expect(200).body().path("verdict").asText())
                .isEqualTo("IMPORTED");

        JsonNode hidden = api.diagnose(dave, Map.of("aircallCallId", bobsCall)).expect(200).body();
        JsonNode unknown = api.diagnose(dave, Map.of("aircallCallId", 123_456_789_012L)).expect(200).body();
        assertThat(hidden.path("verdict").asText()).isEqualTo("NOT_FOUND");
        assertThat(hidden.toString().replace(Long.toString(bobsCall), "ID"))
                .isEqualTo(unknown.toString().replace("123456789012", "ID"));
    }

    @Test
    void aSkippedCallNamesItsCauseByLinkForAnAdmin() {
        long unknownEmail = DemoTenant.callId(DemoCompany.UNKNOWN_EMAIL);
        JsonNode answer = api.diagnose(acme.admin(), Map.of("aircallLink", "https://api.aircall.io/v1/calls/" + unknownEmail))
                .expect(200).body();
        assertThat(answer.path("verdict").asText()).isEqualTo("SKIPPED");
        assertThat(answer.path("primaryCheck").asText()).isEqualTo("EMAIL_MATCH");
        assertThat(answer.path("checks").get(0).path("reason").asText()).isEqualTo("SKIPPED_EMAIL_NOT_MATCHED");
    }
}
