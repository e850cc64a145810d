package io.airspeed.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.airspeed.ingest.rules.AircallParty;
import io.airspeed.ingest.rules.Roster;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the consumer side of the contracts with users-service (the roster, as its OrgResourceTest
 * shows it) and visibility-service (the import body, as its ImportCall record declares it).
 */
class PeerContractsTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void readsTheRosterUsersServiceAnswers() throws Exception {
        UUID dave = UUID.randomUUID();
        String answer = """
                {"orgId":"%s","users":[{"userId":"%s","email":"Dave@Acme.COM","name":"Dave",
                 "normalizedEmails":["dave@acme.com","dave.sales@acme.com"],"aircallUserIds":[1004],
                 "seat":"RECORDING","role":"MEMBER","active":true,"someFutureField":42}]}
                """.formatted(UUID.randomUUID(), dave);

        Roster roster = UsersClient.toRoster(json.readValue(answer, RosterResponse.class));

        assertThat(roster.match(new AircallParty(1, "dave.sales@acme.com")).orElseThrow().userId()).isEqualTo(dave);
        assertThat(roster.match(new AircallParty(1004, "other@x.test")).orElseThrow().recordingSeat()).isTrue();
        assertThat(roster.match(new AircallParty(2, " DAVE@acme.com")).orElseThrow().active()).isTrue();
    }

    @Test
    void sendsExactlyTheFieldsVisibilityServiceAccepts() throws Exception {
        ImportedCall call = new ImportedCall(UUID.randomUUID(), List.of(UUID.randomUUID()), Instant.parse("2026-11-20T10:00:00Z"),
                Instant.parse("2026-11-20T10:05:00Z"), 300, "INBOUND", "+44 330 818 6690",
                "https://api.aircall.io/v1/calls/1", "https://assets.aircall.io/calls/1/recording", "aircall:call:1", 3);
        JsonNode body = json.readTree(json.writeValueAsString(call));
        Set<String> fields = new java.util.TreeSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("ownerUserId", "participantUserIds", "startedAt", "endedAt",
                "durationSeconds", "direction", "externalNumber", "aircallLink", "aircallAsset", "recordingReference",
                "deliveryVersion");
        assertThat(body.get("deliveryVersion").asLong()).isEqualTo(3);
    }

    @Test
    void sendsABulkImportAsVisibilityServiceReadsIt() throws Exception {
        ImportedCall call = new ImportedCall(UUID.randomUUID(), List.of(), Instant.parse("2026-11-20T10:00:00Z"), null, 300,
                "INBOUND", null, null, null, "aircall:call:42", 3);
        JsonNode body = json.readTree(json.writeValueAsString(new ImportedCalls(List.of(new ImportedCalls.Item(42, call)))));
        Set<String> top = new java.util.TreeSet<>();
        body.fieldNames().forEachRemaining(top::add);
        assertThat(top).containsExactly("calls");
        JsonNode item = body.get("calls").get(0);
        Set<String> fields = new java.util.TreeSet<>();
        item.fieldNames().forEachRemaining(fields::add);
        // The single import's fields, side by side with the Aircall id (visibility-service's ImportCallItem).
        assertThat(fields).containsExactlyInAnyOrder("aircallCallId", "ownerUserId", "participantUserIds", "startedAt",
                "endedAt", "durationSeconds", "direction", "externalNumber", "aircallLink", "aircallAsset",
                "recordingReference", "deliveryVersion");
        assertThat(item.get("aircallCallId").asLong()).isEqualTo(42);
    }
}
