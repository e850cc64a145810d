package io.airspeed.aircall.simulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's query string: decoded values for reading, and the raw pairs in their original order so a
 * pagination link can keep every parameter exactly as the client sent it.
 */
public final class QueryParameters {

    private record Pair(String rawName, String rawValue, String name, String value) {
    }

    private final List<Pair> pairs;

    private QueryParameters(List<Pair> pairs) {
        this.pairs = pairs;
    }

    public static QueryParameters parse(String rawQuery) {
        List<Pair> pairs = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String part : rawQuery.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String rawName = eq < 0 ? part : part.substring(0, eq);
                String rawValue = eq < 0 ? "" : part.substring(eq + 1);
                pairs.add(new Pair(rawName, rawValue, decode(rawName), decode(rawValue)));
            }
        }
        return new QueryParameters(pairs);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        for (Pair p : pairs) {
            if (p.name.equals(name)) {
                return p.value;
            }
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Pair p : pairs) {
            if (p.name.equals(name)) {
                values.add(p.value);
            }
        }
        return values;
    }

    /** The raw query with {@code page} set to {@code page} (added at the end if it was absent). */
    public String withPage(long page) {
        List<String> parts = new ArrayList<>(pairs.size() + 1);
        boolean pageWritten = false;
        for (Pair p : pairs) {
            if (!p.name.equals("page")) {
                parts.add(p.rawName + '=' + p.rawValue);
            } else if (!pageWritten) {
                parts.add(p.rawName + '=' + page);
                pageWritten = true;
            }
        }
        if (!pageWritten) {
            parts.add("page=" + page);
        }
        return String.join("&", parts);
    }
}
