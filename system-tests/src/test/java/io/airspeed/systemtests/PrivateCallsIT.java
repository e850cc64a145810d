package io.airspeed.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.api.AirspeedApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 5 over the real services: a private call is visible only to its participants and to
 * admins, anyone else gets the same 404 as for a call that does not exist, and ingestion running
 * again never undoes the choice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateCallsIT {

    private LocalStack stack;
    private AirspeedApi api;
    private DemoTenant acme;

    @BeforeAll
    void ingestTheDemoCompany() {
        stack = SystemStack.get();
        api = stack.api();
        acme = DemoTenant.create(stack, "private");
    }

    @Test
    void aParticipantMakesACallPrivateAndOnlyParticipantsAndAdminsStillSeeIt() {
        // Transferred from Alice (admin) to Bob (member): both take part.
        UUID transferred = callId(DemoCompany.TRANSFERRED);
        String bob = acme.member("bob@acme.test");
        String dave = acme.member("dave@acme.test");

        JsonNode changed = api.changeVisibility(bob, transferred, "PRIVATE").expect(200).body();
        assertThat(changed.path("visibility").asText()).isEqualTo("PRIVATE");

        assertThat(api.call(bob, transferred).status()).isEqualTo(200);
        assertThat(api.call(acme.admin(), transferred).status()).isEqualTo(200);
        assertThat(api.call(dave, transferred).status()).isEqualTo(404);
        assertThat(DemoTenant.visibleCalls(stack, dave)).doesNotContainKey(DemoTenant.callId(DemoCompany.TRANSFERRED));
        assertThat(DemoTenant.visibleCalls(stack, acme.member("carol@acme.test")))
                .doesNotContainKey(DemoTenant.callId(DemoCompany.TRANSFERRED));
        assertThat(DemoTenant.visibleCalls(stack, bob)).containsKey(DemoTenant.callId(DemoCompany.TRANSFERRED));

        JsonNode daveAccess = api.access(acme.org().orgId(), DemoTenant.callId(DemoCompany.TRANSFERRED), acme.user("dave@acme.test"));
        assertThat(daveAccess.path("exists").asBoolean()).isTrue();
        assertThat(daveAccess.path("visibleToUser").asBoolean()).isFalse();

        api.changeVisibility(bob, transferred, "PUBLIC").expect(200);
        assertThat(api.call(dave, transferred).status()).isEqualTo(200);
    }

    @Test
    void anAdminMakesAnyCallPrivateAndItsParticipantStillSeesIt() {
        UUID daves = callId(DemoCompany.ALIAS_MATCH);
        api.changeVisibility(acme.admin(), daves, "PRIVATE").expect(200);

        assertThat(api.call(acme.member("dave@acme.test"), daves).status()).isEqualTo(200);
        assertThat(api.call(acme.member("bob@acme.test"), daves).status()).isEqualTo(404);
        JsonNode asAdmin = api.call(acme.admin(), daves).expect(200).body();
        assertThat(asAdmin.path("visibilityHistory").get(0).path("changedByAdmin").asBoolean()).isTrue();
    }

    @Test
    void aMemberWhoDoesNotTakePartCannotChangeVisibility() {
        UUID alices = DemoTenant.id(DemoTenant.visibleCalls(stack, acme.admin())
                .get(DemoCompany.callIds(DemoCompany.IMPORTED_NORMAL).get(0)));
        String carol = acme.member("carol@acme.test");

        assertThat(api.changeVisibility(carol, alices, "PRIVATE").status()).isEqualTo(403);
        assertThat(api.call(carol, alices).expect(200).body().path("visibility").asText()).isEqualTo("PUBLIC");
        assertThat(api.call(carol, alices).body().path("canChangeVisibility").asBoolean()).isFalse();
    }

    @Test
    void ingestionRunningAgainKeepsTheVisibilityChosen() {
        UUID privateWorthy = callId(DemoCompany.PRIVATE_WORTHY);
        api.changeVisibility(acme.admin(), privateWorthy, "PRIVATE").expect(200);

        api.runIngestion(acme.admin());

        assertThat(api.call(acme.admin(), privateWorthy).expect(200).body().path("visibility").asText()).isEqualTo("PRIVATE");
        assertThat(api.call(acme.member("bob@acme.test"), privateWorthy).status()).isEqualTo(404);
    }

    private UUID callId(String scenario) {
        return DemoTenant.id(DemoTenant.visibleCalls(stack, acme.admin()).get(DemoTenant.callId(scenario)));
    }
}
