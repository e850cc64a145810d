package io.airspeed.localstack.demo;

import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.api.AirspeedApi.CreatedOrg;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates, through the real users-service API, the Airspeed side of the simulator's demo company
 * ({@code aircall-simulator/README.md}, "Aircall users"): every scenario then meets the user set-up
 * it was written for. The shared inbox and the contractor get no Airspeed user on purpose.
 */
public final class DemoOrgBootstrap {

    public static final String ADMIN_EMAIL = "alice@acme.test";

    /** One Airspeed user of the demo org and what is done to it after it is created. */
    public record DemoPerson(String email, String name, String role, String seat, String linkKind, String linkValue,
                             boolean deactivated) {
    }

    /** Alice is the org's first admin (created with the org); the others, in the README's order. */
    public static final List<DemoPerson> PEOPLE = List.of(
            new DemoPerson("bob@acme.test", "Bob Member", "MEMBER", "RECORDING", null, null, false),
            new DemoPerson("carol@acme.test", "Carol Viewer", "MEMBER", "VIEWER", null, null, false),
            new DemoPerson("dave@acme.test", "Dave Sales", "MEMBER", "RECORDING", "EMAIL", "dave.sales@acme.test", false),
            new DemoPerson("frank@acme.test", "Frank Field", "MEMBER", "RECORDING", "AIRCALL_USER_ID", "1007", false),
            new DemoPerson("grace@acme.test", "Grace Gone", "MEMBER", "RECORDING", null, null, true));

    /**
     * The demo calls lie in the two days before the simulator started, the "before connection" ones
     * ten days before: a backfill of nine days imports the former and leaves the latter to rule 6.
     */
    public static final Duration DEMO_BACKFILL = Duration.ofDays(9);

    /**
     * How far before its first connection the first scheduled run reads (ingest-service's
     * {@code INGEST_INITIAL_LOOKBACK}): far enough to see the ten-day-old calls and decide them.
     */
    public static final String DEMO_INITIAL_LOOKBACK = "P11D";

    /** What the demo ingestion did: the integration as connected, the backfill and the scheduled run. */
    public record DemoIngestion(JsonNode integration, JsonNode backfill, JsonNode run) {
    }

    private final AirspeedApi api;

    public DemoOrgBootstrap(AirspeedApi api) {
        this.api = api;
    }

    public DemoOrg create(String orgName) {
        CreatedOrg org = api.createOrg(orgName, ADMIN_EMAIL, "Alice Admin");
        Map<String, UUID> ids = new LinkedHashMap<>();
        ids.put(ADMIN_EMAIL, org.adminUserId());
        DemoOrg demo = new DemoOrg(orgName, org.orgId(), ids, ADMIN_EMAIL, api.tokens());
        String admin = demo.adminToken();
        for (DemoPerson person : PEOPLE) {
            UUID id = api.createUser(admin, person.email(), person.name(), person.role(), person.seat());
            ids.put(person.email(), id);
            if (person.linkKind() != null) {
                api.linkAircallIdentity(admin, id, person.linkKind(), person.linkValue());
            }
            if (person.deactivated()) {
                api.deactivateUser(admin, id);
            }
        }
        return new DemoOrg(orgName, org.orgId(), Map.copyOf(ids), ADMIN_EMAIL, api.tokens());
    }

    /**
     * Connects the org to Aircall, backfills the demo range (an admin's backfill overrides rule 6 for
     * it, now and in later runs) and runs scheduled ingestion once, which also reads the older calls.
     */
    public DemoIngestion ingest(DemoOrg org, String apiId, String apiToken) {
        String admin = org.adminToken();
        api.awaitRosterChangesDelivered(admin, Duration.ofMinutes(1));
        JsonNode integration = api.connectAircall(admin, apiId, apiToken);
        Instant now = Instant.now();
        JsonNode backfill = api.backfillAndWait(admin, now.minus(DEMO_BACKFILL), now, Duration.ofMinutes(10));
        JsonNode run = api.runIngestion(admin);
        return new DemoIngestion(integration, backfill, run);
    }
}
