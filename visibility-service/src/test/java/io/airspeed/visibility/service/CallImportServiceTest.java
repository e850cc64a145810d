package io.airspeed.visibility.service;

import io.airspeed.testsupport.PostgresTestResource;
import io.airspeed.visibility.domain.CallDirection;
import io.airspeed.visibility.domain.CallFacts;
import io.airspeed.visibility.domain.Viewer;
import io.airspeed.visibility.domain.Visibility;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The import and visibility services on the Vert.x context, without HTTP in between. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "visibility"))
class CallImportServiceTest {

    private static final Instant STARTED = Instant.parse("2025-07-01T08:30:00.123456789Z");

    @Inject
    CallImportService imports;

    @Inject
    CallService calls;

    @Inject
    VisibilitySettingsService settings;

    private final UUID org = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();
    private final UUID transferee = UUID.randomUUID();
    private final long aircallId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;

    @Test
    @RunOnVertxContext
    void reImportKeepsTheChosenVisibilityAndReplacesTheParticipants(UniAsserter asserter) {
        AtomicReference<UUID> id = new AtomicReference<>();
        asserter.assertThat(() -> imports.upsert(org, aircallId, 1, facts(120, transferee)), result -> {
            assertThat(result.created()).isTrue();
            assertThat(result.details().call().visibility).isEqualTo(Visibility.PUBLIC);
            // Stored precision: microseconds, so a re-delivery of the same instant compares equal.
            assertThat(result.details().call().startedAt).isEqualTo(Instant.parse("2025-07-01T08:30:00.123456Z"));
            id.set(result.details().call().id);
        });
        asserter.execute(() -> calls.changeVisibility(new Viewer(org, owner, false), id.get(), Visibility.PRIVATE));
        UUID newcomer = UUID.randomUUID();
        asserter.assertThat(() -> imports.upsert(org, aircallId, 2, facts(180, newcomer)), result -> {
            assertThat(result.created()).isFalse();
            assertThat(result.details().call().id).isEqualTo(id.get());
            assertThat(result.details().call().visibility).isEqualTo(Visibility.PRIVATE);
            assertThat(result.details().call().durationSeconds).isEqualTo(180);
            assertThat(result.details().participantUserIds()).containsExactly(owner, newcomer);
        });
        asserter.assertThat(() -> calls.access(new Viewer(org, transferee, false), aircallId), access -> {
            assertThat(access.exists()).isTrue();
            assertThat(access.userIsParticipant()).isFalse();
            assertThat(access.visibleToUser()).isFalse();
        });
        asserter.assertThat(() -> calls.get(new Viewer(org, UUID.randomUUID(), true), id.get()), details -> {
            assertThat(details.history()).hasSize(1);
            assertThat(details.history().get(0).changedBy).isEqualTo(owner);
            assertThat(details.history().get(0).fromVisibility).isEqualTo(Visibility.PUBLIC);
            assertThat(details.history().get(0).toVisibility).isEqualTo(Visibility.PRIVATE);
        });
    }

    @Test
    @RunOnVertxContext
    void newImportsTakeTheOrgsDefaultAtImportTime(UniAsserter asserter) {
        asserter.execute(() -> settings.changeDefault(org, owner, Visibility.PRIVATE));
        asserter.assertThat(() -> imports.upsert(org, aircallId, 1, facts(60)),
                result -> assertThat(result.details().call().visibility).isEqualTo(Visibility.PRIVATE));
    }

    @Test
    @RunOnVertxContext
    void aMemberNotOnAPrivateCallIsToldItDoesNotExist(UniAsserter asserter) {
        AtomicReference<UUID> id = new AtomicReference<>();
        asserter.assertThat(() -> imports.upsert(org, aircallId, 1, facts(60)), result -> id.set(result.details().call().id));
        asserter.execute(() -> calls.changeVisibility(new Viewer(org, owner, false), id.get(), Visibility.PRIVATE));
        asserter.assertFailedWith(() -> calls.get(new Viewer(org, UUID.randomUUID(), false), id.get()),
                NotFoundException.class);
        asserter.assertFailedWith(() -> calls.changeVisibility(new Viewer(org, UUID.randomUUID(), false), id.get(),
                Visibility.PUBLIC), NotFoundException.class);
        asserter.assertFailedWith(() -> calls.get(new Viewer(UUID.randomUUID(), owner, true), id.get()),
                NotFoundException.class);
    }

    private CallFacts facts(int durationSeconds, UUID... others) {
        return CallFacts.of(owner, List.of(others), STARTED, STARTED.plusSeconds(durationSeconds), durationSeconds,
                CallDirection.INBOUND, "+441234567", "https://api.aircall.io/v1/calls/" + aircallId, null, null);
    }
}
