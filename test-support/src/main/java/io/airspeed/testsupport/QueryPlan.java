package io.airspeed.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL plan as {@code explain (analyze, format json)} returns it, for the services' plan
 * tests: its nodes, the indexes it reads and how many rows each node read. Each test keeps its own
 * assertions; this only reads the plan.
 */
public record QueryPlan(JsonNode root) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code :name}, but not the {@code ::type} of a cast. */
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):(\\w+)");

    /** The first (only) plan of an {@code explain (..., format json)} answer. */
    public static QueryPlan parse(String explainJson) {
        try {
            return new QueryPlan(JSON.readTree(explainJson).get(0));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not an EXPLAIN answer in JSON: " + explainJson, e);
        }
    }

    /**
     * The statement with its named parameters written as literals, so that EXPLAIN sees what the
     * service's prepared statement sees.
     */
    public static String inline(String sql, Map<String, Object> parameters) {
        Matcher matcher = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = parameters.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for parameter " + matcher.group(1) + " of " + sql);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(literal(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** One parameter value as an SQL literal of its type. */
    public static String literal(Object value) {
        return value instanceof UUID ? "'" + value + "'::uuid"
                : value instanceof Instant ? "'" + value + "'::timestamptz"
                : value instanceof String text ? "'" + text.replace("'", "''") + "'"
                : value.toString();
    }

    /** Every node, the top one first, depth first. */
    public List<JsonNode> nodes() {
        List<JsonNode> all = new ArrayList<>();
        collect(root.get("Plan"), all);
        return all;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        into.add(node);
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> collect(child, into));
        }
    }

    public List<String> nodeTypes() {
        return nodes().stream().map(n -> n.get("Node Type").asText()).toList();
    }

    /** The indexes the plan reads, each once, in plan order. */
    public List<String> indexes() {
        return nodes().stream().filter(n -> n.has("Index Name")).map(n -> n.get("Index Name").asText()).distinct().toList();
    }

    /** Rows the top node returned. */
    public long rowsOut() {
        return root.get("Plan").get("Actual Rows").asLong();
    }

    /** Rows a node produced, summed over its loops. */
    public static long rowsProduced(JsonNode node) {
        return node.get("Actual Rows").asLong() * node.get("Actual Loops").asLong();
    }

    /** Rows a node looked at: those it produced and those its filter dropped, summed over its loops. */
    public static long rowsExamined(JsonNode node) {
        return (node.get("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong())
                * node.get("Actual Loops").asLong();
    }
}
