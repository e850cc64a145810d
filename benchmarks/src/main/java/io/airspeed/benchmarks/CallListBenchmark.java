package io.airspeed.benchmarks;

import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;
import io.airspeed.localstack.postgres.DatabaseServer;
import io.airspeed.visibility.domain.CallFilter;
import io.airspeed.visibility.domain.Keyset;
import io.airspeed.visibility.domain.Viewer;
import io.airspeed.visibility.repository.VisibleCallsQuery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/calls} for a member and an admin of an org of a million calls and a thousand
 * users, first page and a page {@value #DEPTH} calls deep, at a fixed concurrency, next to the same
 * SQL run straight over JDBC at the same concurrency: what the service's HTTP, security, JSON and
 * reactive layers cost on top of the indexed query.
 *
 * <p>The org is written into visibility-service's database by a few set-based SQL statements (an
 * API import of a million calls would take longer than everything else here together): 10 % of
 * the calls private, 10 % with a second participant (a transfer), owners spread evenly.
 */
final class CallListBenchmark {

    private static final Pattern NAMED = Pattern.compile("(?<!:):([a-zA-Z]+)");
    private static final int PAGE_SIZE = 50;

    record Seeded(UUID orgId, UUID member, long calls, long participants, double seconds) {
    }

    private CallListBenchmark() {
    }

    static Seeded seed(LocalStack stack, int calls, int users) throws SQLException {
        DatabaseServer server = stack.database();
        UUID org = UUID.randomUUID();
        long t0 = System.nanoTime();
        try (Connection connection = server.connect(stack.databaseName(Service.VISIBILITY));
             Statement sql = connection.createStatement()) {
            sql.execute("create temporary table bench_users as select k, gen_random_uuid() as id from generate_series(1, " + users + ") k");
            sql.execute("insert into visibility.calls (id, org_id, aircall_call_id, owner_user_id, visibility, started_at, ended_at,"
                    + " duration_seconds, direction, external_number, aircall_link, aircall_asset, recording_reference, imported_at,"
                    + " updated_at, version)"
                    + " select gen_random_uuid(), '" + org + "', 5000000000 + i, u.id,"
                    + " case when (i / 7) % 10 = 0 then 'PRIVATE' else 'PUBLIC' end,"
                    + " now() - i * interval '2 seconds', now() - i * interval '2 seconds' + interval '5 minutes', 300,"
                    + " case when i % 2 = 0 then 'INBOUND' else 'OUTBOUND' end, '+44 20 7946 0' || lpad((i % 1000)::text, 3, '0'),"
                    + " 'https://api.aircall.io/v1/calls/' || (5000000000 + i),"
                    + " 'https://assets.aircall.io/calls/' || (5000000000 + i) || '/recording',"
                    + " 'aircall:call:' || (5000000000 + i), now(), now(), 0"
                    + " from generate_series(1, " + calls + ") i join bench_users u on u.k = i % " + users + " + 1");
            sql.execute("insert into visibility.call_participants (call_id, user_id, org_id, started_at)"
                    + " select id, owner_user_id, org_id, started_at from visibility.calls where org_id = '" + org + "'");
            sql.execute("insert into visibility.call_participants (call_id, user_id, org_id, started_at)"
                    + " select c.id, u.id, c.org_id, c.started_at from visibility.calls c"
                    + " join bench_users u on u.k = (c.aircall_call_id + 7) % " + users + " + 1"
                    + " where c.org_id = '" + org + "' and c.aircall_call_id % 10 = 3");
            sql.execute("analyze visibility.calls");
            sql.execute("analyze visibility.call_participants");
            UUID member;
            try (ResultSet first = sql.executeQuery("select id from bench_users where k = 1")) {
                first.next();
                member = first.getObject(1, UUID.class);
            }
            long participants;
            try (ResultSet count = sql.executeQuery("select count(*) from visibility.call_participants where org_id = '" + org + "'")) {
                count.next();
                participants = count.getLong(1);
            }
            return new Seeded(org, member, calls, participants, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Who asks, and where in their list: the first page, or {@link #DEPTH} calls deep. */
    record Reader(String name, boolean admin, boolean deep) {
    }

    /** How deep the deep page starts, in calls. */
    static final int DEPTH = 10_000;

    static final List<Reader> READERS = List.of(new Reader("member, first page", false, false),
            new Reader("member, " + DEPTH + " calls deep", false, true), new Reader("admin, first page", true, false),
            new Reader("admin, " + DEPTH + " calls deep", true, true));

    private static String token(LocalStack stack, Seeded seeded, boolean admin) {
        return admin ? stack.tokens().admin(seeded.orgId(), UUID.randomUUID(), "admin@bench.test")
                : stack.tokens().member(seeded.orgId(), seeded.member(), "member1@bench.test");
    }

    /** The service: one page of 50, newest first, with its bounded total, as the frontend asks. */
    static FixedConcurrencyLoad.Outcome service(LocalStack stack, Seeded seeded, Reader reader, int concurrency,
                                                Duration warmup, Duration measured) throws InterruptedException {
        String token = token(stack, seeded, reader.admin());
        String cursor = reader.deep() ? cursorAt(stack, token, DEPTH) : null;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String query = "/api/calls?size=" + PAGE_SIZE + (cursor == null ? "" : "&cursor=" + cursor);
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url(Service.VISIBILITY) + query))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        return FixedConcurrencyLoad.run(concurrency, warmup, measured, () -> () -> {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 && response.body().length > 1000;
        });
    }

    /** The cursor after the first {@code depth} calls of the token's list, by following pages of 200. */
    private static String cursorAt(LocalStack stack, String token, int depth) {
        String cursor = null;
        for (int read = 0; read < depth; read += 200) {
            cursor = stack.api().calls(token, cursor, 200).path("nextCursor").asText();
        }
        return cursor;
    }

    /** The check that the service answers what the SQL answers: the member's first page and total. */
    static String firstPageSummary(LocalStack stack, Seeded seeded) {
        var page = stack.api().calls(token(stack, seeded, false), null, PAGE_SIZE);
        return page.path("items").size() + " items of " + page.path("total");
    }

    /**
     * The bare SQL at the same concurrency, one connection per thread: the member's page query
     * alone (first page, or after the keyset {@link #DEPTH} calls deep), or everything the service
     * runs for a first page (page ids, their rows, their participants, the capped count).
     */
    static FixedConcurrencyLoad.Outcome sql(LocalStack stack, Seeded seeded, boolean everything, boolean deep,
                                            int concurrency, Duration warmup, Duration measured)
            throws InterruptedException, SQLException {
        Viewer member = new Viewer(seeded.orgId(), seeded.member(), false);
        Keyset after = deep ? keysetAt(stack, member, DEPTH) : null;
        VisibleCallsQuery query = VisibleCallsQuery.after(member, CallFilter.NONE, after, PAGE_SIZE);
        return FixedConcurrencyLoad.run(concurrency, warmup, measured, () -> {
            try {
                Connection connection = stack.database().connect(stack.databaseName(Service.VISIBILITY));
                PreparedStatement page = prepare(connection, query.pageSql(), query.pageParameters());
                PreparedStatement count = prepare(connection, query.countSql(), query.countParameters());
                PreparedStatement rows = connection.prepareStatement("select * from visibility.calls where org_id = ? and id = any(?)");
                PreparedStatement participants = connection.prepareStatement(
                        "select call_id, user_id from visibility.call_participants where call_id = any(?)");
                return new FixedConcurrencyLoad.Worker() {
                    @Override
                    public Boolean call() throws SQLException {
                        List<UUID> ids = new ArrayList<>();
                        try (ResultSet result = page.executeQuery()) {
                            while (result.next()) {
                                ids.add(result.getObject(1, UUID.class));
                            }
                        }
                        if (!everything) {
                            return ids.size() == PAGE_SIZE + 1;
                        }
                        var array = connection.createArrayOf("uuid", ids.subList(0, PAGE_SIZE).toArray());
                        rows.setObject(1, seeded.orgId());
                        rows.setArray(2, array);
                        int found = drain(rows.executeQuery());
                        participants.setArray(1, array);
                        drain(participants.executeQuery());
                        drain(count.executeQuery());
                        return found == PAGE_SIZE;
                    }

                    @Override
                    public void close() throws SQLException {
                        connection.close();
                    }
                };
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The sort key of the viewer's {@code depth}-th call, as a cursor would carry it. */
    private static Keyset keysetAt(LocalStack stack, Viewer viewer, int depth) throws SQLException {
        VisibleCallsQuery query = VisibleCallsQuery.atOffset(viewer, CallFilter.NONE, depth - 1, 1);
        try (Connection connection = stack.database().connect(stack.databaseName(Service.VISIBILITY));
             PreparedStatement page = prepare(connection, query.pageSql(), query.pageParameters());
             ResultSet id = page.executeQuery()) {
            id.next();
            try (PreparedStatement call = connection.prepareStatement("select started_at from visibility.calls where id = ?")) {
                call.setObject(1, id.getObject(1, UUID.class));
                try (ResultSet started = call.executeQuery()) {
                    started.next();
                    return new Keyset(started.getObject(1, OffsetDateTime.class).toInstant(), id.getObject(1, UUID.class));
                }
            }
        }
    }

    private static int drain(ResultSet result) throws SQLException {
        int n = 0;
        try (result) {
            while (result.next()) {
                result.getObject(1);
                n++;
            }
        }
        return n;
    }

    /** Named parameters (:org) of the service's query text to JDBC's positional ones. */
    private static PreparedStatement prepare(Connection connection, String sql, Map<String, Object> parameters) throws SQLException {
        List<String> order = new ArrayList<>();
        Matcher matcher = NAMED.matcher(sql);
        StringBuilder positional = new StringBuilder();
        while (matcher.find()) {
            order.add(matcher.group(1));
            matcher.appendReplacement(positional, "?");
        }
        matcher.appendTail(positional);
        PreparedStatement statement = connection.prepareStatement(positional.toString());
        for (int i = 0; i < order.size(); i++) {
            Object value = parameters.get(order.get(i));
            if (value == null) {
                throw new IllegalStateException("No value for :" + order.get(i) + " in " + sql);
            }
            statement.setObject(i + 1, value);
        }
        return statement;
    }
}
