package io.airspeed.visibility;

import io.airspeed.testsupport.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/**
 * Test helpers: an org of its own per test (the database is shared by every test class), people
 * with tokens, and calls imported through the real internal endpoint.
 */
public final class TestCalls {

    private static final AtomicLong AIRCALL_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L + 1_000_000L);
    /** Each body built is a newer delivery than the one before, as ingestion's versions grow. */
    private static final AtomicLong DELIVERY_VERSIONS = new AtomicLong();

    private TestCalls() {
    }

    public static long nextAircallId() {
        return AIRCALL_IDS.incrementAndGet();
    }

    /** A user of an org with the token the frontend would send. */
    public record Person(UUID orgId, UUID userId, String token) {

        public static Person admin(UUID orgId) {
            UUID id = UUID.randomUUID();
            return new Person(orgId, id, DevTokens.admin(orgId, id, "admin-" + id + "@example.com"));
        }

        public static Person member(UUID orgId) {
            UUID id = UUID.randomUUID();
            return new Person(orgId, id, DevTokens.member(orgId, id, "member-" + id + "@example.com"));
        }

        public RequestSpecification request() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }

    public static RequestSpecification service() {
        return given().auth().oauth2(DevTokens.service()).contentType(ContentType.JSON);
    }

    /** A valid import body: the owner handled the call, the others were on it too. */
    public static Map<String, Object> callBody(UUID owner, Instant startedAt, UUID... others) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ownerUserId", owner.toString());
        List<String> participants = new ArrayList<>();
        for (UUID other : others) {
            participants.add(other.toString());
        }
        body.put("participantUserIds", participants);
        body.put("startedAt", startedAt.toString());
        body.put("endedAt", startedAt.plusSeconds(300).toString());
        body.put("durationSeconds", 300);
        body.put("direction", "OUTBOUND");
        body.put("externalNumber", "+33100000000");
        body.put("aircallLink", "https://api.aircall.io/v1/calls/1");
        body.put("aircallAsset", "https://assets.aircall.io/calls/1/recording");
        body.put("recordingReference", "recordings/1.mp3");
        body.put("deliveryVersion", DELIVERY_VERSIONS.incrementAndGet());
        return body;
    }

    public static ValidatableResponse put(UUID orgId, long aircallId, Object body) {
        return service().body(body).when().put("/internal/orgs/{org}/calls/{id}", orgId, aircallId).then();
    }

    /** A bulk import item: {@link #callBody} keyed by its Aircall id. */
    public static Map<String, Object> item(long aircallId, Map<String, Object> body) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("aircallCallId", aircallId);
        item.putAll(body);
        return item;
    }

    /** One bulk import of these items. */
    public static ValidatableResponse putAll(UUID orgId, List<Map<String, Object>> items) {
        return service().body(Map.of("calls", items)).when().put("/internal/orgs/{org}/calls", orgId).then();
    }

    /** Imports a call and answers its id (our UUID). */
    public static String importCall(UUID orgId, long aircallId, UUID owner, Instant startedAt, UUID... others) {
        return put(orgId, aircallId, callBody(owner, startedAt, others)).statusCode(201).extract().path("id");
    }

    public static String importCall(UUID orgId, UUID owner, Instant startedAt, UUID... others) {
        return importCall(orgId, nextAircallId(), owner, startedAt, others);
    }

    public static void setVisibility(Person who, String callId, String visibility) {
        who.request().body(Map.of("visibility", visibility))
                .when().patch("/api/calls/{id}/visibility", callId)
                .then().statusCode(200);
    }
}
