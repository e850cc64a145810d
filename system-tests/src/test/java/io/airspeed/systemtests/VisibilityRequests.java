package io.airspeed.systemtests;

import io.airspeed.localstack.LocalStack;
import io.airspeed.localstack.Service;

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
 * The deliveries visibility-service received, as it records them itself: its HTTP access log has
 * one line per {@code PUT /internal/orgs/{orgId}/calls/{aircallCallId}} it answered, and its log
 * one line per bulk {@code PUT /internal/orgs/{orgId}/calls} it applied, naming the calls (category
 * {@code io.airspeed.visibility.deliveries} at DEBUG). Counted at the receiving end, a call sent twice shows twice even though the upsert keeps one row; and counted
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

    /** The environment variable that sets visibility-service's bulk delivery log to DEBUG. */
    static final String BULK_LOG_LEVEL = "QUARKUS_LOG_CATEGORY__IO_AIRSPEED_VISIBILITY_DELIVERIES__LEVEL";

    private static final Pattern DELIVERY = Pattern.compile("^PUT /internal/orgs/([0-9a-f-]{36})/calls/([0-9]+) (2[0-9][0-9])$");
    private static final Pattern BULK_DELIVERY = Pattern.compile("Bulk import of org ([0-9a-f-]{36}) received calls ([0-9,]+)");

    private final Path accessLog;
    private final Path serviceLog;

    private VisibilityRequests(Path accessLog, Path serviceLog) {
        this.accessLog = accessLog;
        this.serviceLog = serviceLog;
    }

    static VisibilityRequests of(LocalStack stack) {
        return new VisibilityRequests(stack.logDirectory().resolve(ACCESS_LOG + ".log"),
                stack.service(Service.VISIBILITY).logFile());
    }

    /** How many PUTs of each of the org's calls visibility-service answered 2xx, by Aircall call id. */
    Map<Long, Integer> deliveriesOf(UUID orgId) {
        Map<Long, Integer> received = new TreeMap<>();
        String org = orgId.toString();
        for (String line : lines(accessLog)) {
            Matcher matcher = DELIVERY.matcher(line.strip());
            if (matcher.matches() && matcher.group(1).equals(org)) {
                received.merge(Long.parseLong(matcher.group(2)), 1, Integer::sum);
            }
        }
        for (String line : lines(serviceLog)) {
            Matcher matcher = BULK_DELIVERY.matcher(line);
            if (matcher.find() && matcher.group(1).equals(org)) {
                for (String id : matcher.group(2).split(",")) {
                    received.merge(Long.parseLong(id), 1, Integer::sum);
                }
            }
        }
        return received;
    }

    /** Every 2xx PUT of the org's calls, repeats included. */
    long totalOf(UUID orgId) {
        return deliveriesOf(orgId).values().stream().mapToLong(Integer::longValue).sum();
    }

    private static List<String> lines(Path log) {
        if (!Files.exists(log)) {
            return List.of();
        }
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read visibility-service's log " + log, e);
        }
    }
}
