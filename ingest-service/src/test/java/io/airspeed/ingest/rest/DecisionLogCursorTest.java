package io.airspeed.ingest.rest;

import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.support.AircallSimulatorTestResource;
import io.airspeed.ingest.support.DecisionSeed;
import io.airspeed.ingest.support.DecisionSeed.Row;
import io.airspeed.ingest.support.PeerServicesTestResource;
import io.airspeed.ingest.support.TestOrg;
import io.airspeed.testsupport.DevTokens;
import io.airspeed.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * The decision log read by cursor (product.md section 7.4): every decision once and in order,
 * every filter, the bounded total, and cursors refused when they come from another list.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = TestOrg.DATABASE))
@WithTestResource(AircallSimulatorTestResource.class)
@WithTestResource(PeerServicesTestResource.class)
class DecisionLogCursorTest {

    /** Microseconds on purpose: a cursor that kept milliseconds only would skip or repeat rows. */
    private static final Instant BASE = Instant.parse("2025-03-01T10:00:00.123456Z");
    private static final String[] EMAILS = {"dave@acme.test", "Erin@Contractor.test", "frank@acme.test", "gina@acme.test"};

    /**
     * 300 decisions, three per start time (ties broken by call id), ids not in start order, and
     * outcomes, reasons (some with two) and emails varying independently of each other.
     */
    private static List<Row> log() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long callId = 5_000_000L + (i * 7919L) % 300;
            Instant startedAt = BASE.plus(Duration.ofMinutes(i / 3)).plusNanos(1000L * (i % 2));
            List<String> reasons = switch (i % 5) {
                case 0 -> List.of();
                case 1 -> List.of(Reason.SKIPPED_TOO_SHORT.name());
                case 2 -> List.of(Reason.SKIPPED_EMAIL_NOT_MATCHED.name(), Reason.SKIPPED_TOO_SHORT.name());
                case 3 -> List.of(Reason.SKIPPED_NO_RECORDING.name());
                default -> List.of(Reason.PENDING_RECORDING.name());
            };
            String outcome = reasons.isEmpty() ? "IMPORTED" : reasons.get(0).startsWith("PENDING") ? "PENDING" : "SKIPPED";
            rows.add(new Row(callId, startedAt, outcome, reasons, EMAILS[(i / 2) % EMAILS.length]));
        }
        return rows;
    }

    private static final Comparator<Row> LIST_ORDER = Comparator.comparing(Row::startedAt).reversed()
            .thenComparing(Comparator.comparingLong(Row::aircallCallId).reversed());

    @Test
    void pagingByCursorReturnsEveryDecisionOnceInListOrderThroughTiesOnTheStart() {
        TestOrg org = TestOrg.create();
        List<Row> log = log();
        DecisionSeed.insert(TestOrg.DATABASE, org.orgId, log);

        List<Long> read = readAll(org.adminToken(), "", 7);

        assertThat(read).containsExactlyElementsOf(expected(log, row -> true));
    }

    @Test
    void everyFilterKeepsWorkingAcrossCursorPagesAloneAndWithATimeRange() {
        TestOrg org = TestOrg.create();
        List<Row> log = log();
        DecisionSeed.insert(TestOrg.DATABASE, org.orgId, log);
        Instant from = BASE.plus(Duration.ofMinutes(20));
        Instant to = BASE.plus(Duration.ofMinutes(70));
        Predicate<Row> inRange = row -> !row.startedAt().isBefore(from) && row.startedAt().isBefore(to);
        String range = "&from=" + from + "&to=" + to;
        Row someCall = log.get(123);

        record Case(String query, Predicate<Row> matches) {
        }
        List<Case> cases = new ArrayList<>(List.of(
                new Case("outcome=SKIPPED", row -> row.outcome().equals("SKIPPED")),
                new Case("outcome=PENDING", row -> row.outcome().equals("PENDING")),
                new Case("reason=SKIPPED_TOO_SHORT", row -> row.reasons().contains("SKIPPED_TOO_SHORT")),
                new Case("reason=SKIPPED_EMAIL_NOT_MATCHED", row -> row.reasons().contains("SKIPPED_EMAIL_NOT_MATCHED")),
                new Case("email=%20ERIN@contractor.TEST", row -> row.email().equalsIgnoreCase("erin@contractor.test")),
                new Case("aircallCallId=" + someCall.aircallCallId(), row -> row.aircallCallId() == someCall.aircallCallId()),
                new Case("outcome=SKIPPED&email=dave@acme.test",
                        row -> row.outcome().equals("SKIPPED") && row.email().equals("dave@acme.test")),
                new Case("reason=SKIPPED_TOO_SHORT&email=gina@acme.test",
                        row -> row.reasons().contains("SKIPPED_TOO_SHORT") && row.email().equals("gina@acme.test"))));
        for (Case single : List.copyOf(cases)) {
            cases.add(new Case(single.query() + range, single.matches().and(inRange)));
        }
        cases.add(new Case(range.substring(1), inRange));

        for (Case c : cases) {
            List<Long> expected = expected(log, c.matches());
            assertThat(expected).as("the seed exercises %s", c.query()).isNotEmpty();
            assertThat(readAll(org.adminToken(), c.query(), 4)).as(c.query()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theTotalIsExactUpTo10000AndALowerBoundAboveCountedOnceForAllPages() {
        TestOrg tenThousand = TestOrg.create();
        TestOrg more = TestOrg.create();
        DecisionSeed.execute(TestOrg.DATABASE,
                DecisionSeed.series(tenThousand.orgId, 10_000, "now() - g * interval '1 second'", "'IMPORTED'", "'{}'::text[]",
                        "'dave@acme.test'"),
                DecisionSeed.series(more.orgId, 10_001, "now() - g * interval '1 second'",
                        "case when g % 2 = 0 then 'IMPORTED' else 'SKIPPED' end",
                        "case when g % 2 = 0 then '{}'::text[] else array['SKIPPED_TOO_SHORT'] end", "'dave@acme.test'"));

        JsonPath exact = page(tenThousand.adminToken(), "size=200");
        assertThat(exact.getLong("total.value")).isEqualTo(10_000);
        assertThat(exact.getBoolean("total.exact")).isTrue();
        assertThat(exact.getLong("totalItems")).isEqualTo(10_000);
        assertThat(exact.getLong("totalPages")).isEqualTo(50);

        JsonPath above = page(more.adminToken(), "size=200");
        assertThat(above.getLong("total.value")).isEqualTo(10_000);
        assertThat(above.getBoolean("total.exact")).isFalse();
        JsonPath skipped = page(more.adminToken(), "size=200&outcome=SKIPPED");
        assertThat(skipped.getLong("total.value")).isEqualTo(5_001);
        assertThat(skipped.getBoolean("total.exact")).isTrue();
        assertThat(page(more.adminToken(), "size=200&reason=SKIPPED_TOO_SHORT").getLong("total.value")).isEqualTo(5_001);

        // Later pages carry the first page's total: a decision added since does not change it.
        more.sql("update call_decisions set outcome = 'SKIPPED' where aircall_call_id = 2 and org_id = ?");
        JsonPath second = page(more.adminToken(), "size=200&outcome=SKIPPED&cursor=" + skipped.getString("nextCursor"));
        assertThat(second.getLong("total.value")).isEqualTo(5_001);
        assertThat(second.getList("items")).hasSize(200);
        assertThat(page(more.adminToken(), "size=200&outcome=SKIPPED").getLong("total.value")).isEqualTo(5_002);
    }

    @Test
    void aCursorIsRefusedForAnotherOrgAnotherAdminOtherFiltersOrWhenAltered() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        List<Row> log = log();
        DecisionSeed.insert(TestOrg.DATABASE, org.orgId, log);
        DecisionSeed.insert(TestOrg.DATABASE, other.orgId, log);
        String cursor = page(org.adminToken(), "size=5&outcome=SKIPPED&email=dave@acme.test").getString("nextCursor");
        assertThat(cursor).isNotNull();

        // The same list, the filters written differently: accepted.
        assertThat(page(org.adminToken(), "size=5&outcome=SKIPPED&email=%20DAVE@acme.test&cursor=" + cursor)
                .getList("items")).hasSize(5);

        String anotherAdmin = DevTokens.admin(org.orgId, UUID.randomUUID(), "second-admin@acme.test");
        refusedCursor(other.adminToken(), "outcome=SKIPPED&email=dave@acme.test&cursor=" + cursor);
        refusedCursor(anotherAdmin, "outcome=SKIPPED&email=dave@acme.test&cursor=" + cursor);
        refusedCursor(org.adminToken(), "outcome=IMPORTED&email=dave@acme.test&cursor=" + cursor);
        refusedCursor(org.adminToken(), "outcome=SKIPPED&cursor=" + cursor);
        refusedCursor(org.adminToken(), "outcome=SKIPPED&email=dave@acme.test&reason=SKIPPED_TOO_SHORT&cursor=" + cursor);
        for (int i = 0; i < cursor.length(); i += 3) {
            refusedCursor(org.adminToken(), "outcome=SKIPPED&email=dave@acme.test&cursor=" + altered(cursor, i));
        }
        refusedCursor(org.adminToken(), "outcome=SKIPPED&email=dave@acme.test&cursor=" + cursor.substring(0, cursor.length() - 1));
        refusedCursor(org.adminToken(), "cursor=%25%25not-base64%25%25");
        refusedCursor(org.adminToken(), "cursor=" + "A".repeat(600));

        given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?outcome=SKIPPED&email=dave@acme.test&page=1&cursor=" + cursor)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("page"));
    }

    @Test
    void deprecatedPagesStayWithinTheFirst10000AndHandOverToACursor() {
        TestOrg org = TestOrg.create();
        List<Row> log = log();
        DecisionSeed.insert(TestOrg.DATABASE, org.orgId, log);
        List<Long> all = expected(log, row -> true);

        JsonPath second = page(org.adminToken(), "size=10&page=1");
        assertThat(second.getInt("page")).isEqualTo(1);
        assertThat(second.getList("items.aircallCallId", Long.class)).containsExactlyElementsOf(all.subList(10, 20));
        assertThat(second.getBoolean("hasMore")).isTrue();
        assertThat(second.getLong("totalItems")).isEqualTo(300);
        assertThat(second.getLong("totalPages")).isEqualTo(30);
        JsonPath third = page(org.adminToken(), "size=10&cursor=" + second.getString("nextCursor"));
        assertThat(third.getList("items.aircallCallId", Long.class)).containsExactlyElementsOf(all.subList(20, 30));
        assertThat(third.getString("page")).isNull();
        assertThat(given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?size=10").asString())
                .doesNotContain("\"page\"").contains("\"nextCursor\":\"");
        JsonPath last = page(org.adminToken(), "size=10&page=29");
        assertThat(last.getList("items.aircallCallId", Long.class)).containsExactlyElementsOf(all.subList(290, 300));
        assertThat(last.getBoolean("hasMore")).isFalse();
        assertThat(given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?size=10&page=29").asString())
                .contains("\"nextCursor\":null");

        page(org.adminToken(), "size=50&page=199");
        given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?size=50&page=200")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("page")).body("errors[0].message", containsString("cursor"));
        given().auth().oauth2(org.adminToken()).get("/api/ingestion/decisions?size=0")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
    }

    @Test
    void openApiDocumentsTheCursorTheSizeAndThePageShape() {
        JsonPath api = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        List<String> parameters = api.getList("paths.'/api/ingestion/decisions'.get.parameters.name");
        assertThat(parameters).contains("cursor", "size", "page", "outcome", "reason", "email", "from", "to", "aircallCallId");
        String schema = "components.schemas.DecisionPage.properties";
        assertThat(api.getMap(schema)).containsKeys("items", "size", "nextCursor", "hasMore", "total", "page", "totalItems",
                "totalPages");
        assertThat(api.getBoolean(schema + ".totalItems.deprecated")).isTrue();
        assertThat(api.getMap("components.schemas.ListTotal.properties")).containsKeys("value", "exact");
        given().get("/q/openapi?format=json").then()
                .body("paths.'/api/ingestion/decisions'.get.responses.keySet()", hasItems("200", "400"));
    }

    /** Follows nextCursor from the first page to the last, checking each page's own promises. */
    private static List<Long> readAll(String token, String query, int size) {
        List<Long> read = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 1000; pages++) {
            JsonPath page = page(token, "size=" + size + (query.isEmpty() ? "" : "&" + query)
                    + (cursor == null ? "" : "&cursor=" + cursor));
            List<Long> items = page.getList("items.aircallCallId", Long.class);
            read.addAll(items);
            cursor = page.getString("nextCursor");
            assertThat(page.getBoolean("hasMore")).isEqualTo(cursor != null);
            if (cursor == null) {
                return read;
            }
            assertThat(items).hasSize(size);
        }
        throw new AssertionError("No last page after 1000 pages of " + query);
    }

    private static List<Long> expected(List<Row> log, Predicate<Row> matches) {
        return log.stream().filter(matches).sorted(LIST_ORDER).map(Row::aircallCallId).toList();
    }

    private static JsonPath page(String token, String query) {
        return given().urlEncodingEnabled(false).auth().oauth2(token).get("/api/ingestion/decisions?" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    private static void refusedCursor(String token, String query) {
        Response answer = given().urlEncodingEnabled(false).auth().oauth2(token).get("/api/ingestion/decisions?size=5&" + query);
        answer.then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("cursor"));
    }

    /** One character changed to another of the cursor's alphabet. */
    private static String altered(String cursor, int at) {
        char replaced = cursor.charAt(at) == 'A' ? 'B' : 'A';
        return cursor.substring(0, at) + replaced + cursor.substring(at + 1);
    }
}
