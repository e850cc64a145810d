package io.airspeed.systemtests;

import io.airspeed.aircall.simulator.data.DemoCompany;
import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.api.ApiResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deactivated person's token stops working on every service within a minute, however long it
 * still has to live, and works again once they are reactivated: each service learns it from the
 * roster change feed, not from a call to users-service per request.
 */
class DeactivationIT {

    private static final String BOB = "bob@acme.test";

    @Test
    void aDeactivatedUsersTokenIsRefusedByEveryServiceWithinAMinuteAndAcceptedAgainOnceReactivated() {
        LocalStack stack = SystemStack.get();
        AirspeedApi api = stack.api();
        DemoTenant acme = DemoTenant.create(stack, "deactivation");
        String bob = acme.member(BOB);
        long bobsCall = DemoCompany.callIds(DemoCompany.IMPORTED_NORMAL).get(2);
        List<Function<String, ApiResponse>> everyService = List.of(
                token -> api.http().get(api.usersUrl() + "/api/users/me", token),
                token -> api.diagnose(token, Map.<String, Object>of("aircallCallId", bobsCall)),
                token -> api.http().get(api.visibilityUrl() + "/api/calls?page=0&size=1", token));
        assertThat(statuses(bob, everyService)).containsExactly(200, 200, 200);

        api.deactivateUser(acme.admin(), acme.user(BOB));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> statuses(bob, everyService).equals(List.of(403, 403, 403)));
        for (Function<String, ApiResponse> request : everyService) {
            assertThat(request.apply(bob).body().path("title").asText()).isEqualTo("Account deactivated");
        }

        api.http().patch(api.usersUrl() + "/api/users/" + acme.user(BOB), acme.admin(), Map.of("active", true)).expect(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> statuses(bob, everyService).equals(List.of(200, 200, 200)));
    }

    private static List<Integer> statuses(String token, List<Function<String, ApiResponse>> requests) {
        return requests.stream().map(request -> request.apply(token).status()).toList();
    }
}
