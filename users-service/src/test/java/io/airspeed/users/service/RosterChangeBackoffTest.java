package io.airspeed.users.service;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.users.support.PeerServicesTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class RosterChangeBackoffTest {

    @Inject
    RosterChangeDelivery delivery;

    @Test
    void theRetryDelayDoublesPerFailureUpToItsCap() {
        // Test profile: retry-initial PT0.2S, retry-max PT1S.
        assertThat(delivery.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(delivery.backoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(delivery.backoff(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(delivery.backoff(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(delivery.backoff(500)).isEqualTo(Duration.ofSeconds(1));
    }
}
