package io.airspeed.systemtests;

import io.airspeed.localstack.LocalStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deliveries visibility-service received, as its own HTTP access log records them: one line
 * per {@code PUT /internal/orgs/{orgId}/calls/{aircallCallId}} it answered. Counted at the
 * receiving end, a call sent twice shows twice even though the upsert keeps one row; and counted
 * per org, so that the other test classes' orgs sharing the stack do not blur the count.
 * {@link SystemStack} switches the log on and leaves every other path out of it.
 */
final class VisibilityRequests {

    /** The access log's base name in the stack's log directory (see {@link SystemStack}). */
    static final String ACCESS_LOG = "visibility-service-access";
    /** {@code %m %U %s}: method, path, status. */
    static final String PATTERN = "%m %U %s";
    /** Only the delivery endpoint is logged: a negative look-ahead excludes every other path. */
    static final String EXCLUDE = "^(?!/internal/orgs/[^/]+/calls/[0-9]+$).*";

    private static final Pattern DELIVERY = Pattern.compile("^PUT /internal/orgs/([0-9a-f-]{36})/calls/([0-9]+) (2[0-9][0-9])$");

    private final Path accessLog;

    private VisibilityRequests(Path accessLog) {
        this.accessLog = accessLog;
    }

    static VisibilityRequests of(LocalStack stack) {
        return new VisibilityRequests(stack.logDirectory().resolve(ACCESS_LOG + ".log"));
    }

    /** How many PUTs of each of the org's calls visibility-service answered 2xx, by Aircall call id. */
    Map<Long, Integer> deliveriesOf(UUID orgId) {
        Map<Long, Integer> received = new TreeMap<>();
        String org = orgId.toString();
        for (String line : lines()) {
            Matcher matcher = DELIVERY.matcher(line.strip());
            if (matcher.matches() && matcher.group(1).equals(org)) {
                received.merge(Long.parseLong(matcher.group(2)), 1, Integer::sum);
            }
        }
        return received;
    }

    /** Every 2xx PUT of the org's calls, repeats included. */
    long totalOf(UUID orgId) {
        return deliveriesOf(orgId).values().stream().mapToLong(Integer::longValue).sum();
    }

    private List<String> lines() {
        if (!Files.exists(accessLog)) {
            return List.of();
        }
        try {
            return Files.readAllLines(accessLog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read visibility-service's access log " + accessLog, e);
        }
    }
}
