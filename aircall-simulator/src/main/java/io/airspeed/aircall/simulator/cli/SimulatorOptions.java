package io.airspeed.aircall.simulator.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Standalone settings from flags ({@code --port 8090} or {@code --port=8090}) over environment
 * variables ({@code AIRCALL_SIM_PORT}) over defaults. Every option is listed in {@link #OPTIONS}.
 */
public final class SimulatorOptions {

    /** An option: its flag, whether it takes no value, its default and its help text. */
    record Option(String flag, boolean bool, String defaultValue, String help) {
        String env() {
            return "AIRCALL_SIM_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    static final List<Option> OPTIONS = List.of(
            new Option("host", false, "127.0.0.1", "address to bind (0.0.0.0 for every interface)"),
            new Option("port", false, "8090", "port to listen on (0: any free port)"),
            new Option("threads", false, "16", "HTTP worker threads"),
            new Option("dataset", false, "demo", "data sets to load, comma-separated: demo, load, none"),
            new Option("seed", false, "42", "seed of the data sets (same seed, same data)"),
            new Option("anchor", false, null, "instant data sets are placed relative to (ISO-8601 or UNIX seconds); default: now"),
            new Option("api-id", false, "demo-api-id", "api_id of the demo company"),
            new Option("api-token", false, "demo-api-token", "api_token of the demo company"),
            new Option("bearer-token", false, null, "an OAuth-style Bearer token for the demo company"),
            new Option("rate-limit", false, "60", "requests per window per company; 0: unthrottled"),
            new Option("rate-limit-window", false, "60", "rate-limit window, seconds or ISO-8601 (PT2S)"),
            new Option("rate-limit-headers-on-success", true, "false", "send X-AircallApi-* headers on 200s too"),
            new Option("unthrottled", true, "false", "ignore every rate limit (benchmarks)"),
            new Option("recording-url-lifetime", false, "3600", "lifetime of recording URLs, seconds or ISO-8601"),
            new Option("from-inclusive", true, "true", "list calls that started exactly at 'from'"),
            new Option("to-inclusive", true, "true", "list calls that started exactly at 'to'"),
            new Option("pagination-cap", false, "10000", "records a query may page through before 400"),
            new Option("public-base-url", false, null, "base of absolute links; default: from the Host header"),
            new Option("load-calls", false, "100000", "calls in the load data set"),
            new Option("load-users", false, "50", "users in the load data set"),
            new Option("load-from", false, null, "start of the load calls (ISO-8601 or UNIX seconds); default: anchor - 30 days"),
            new Option("load-to", false, null, "end of the load calls (exclusive); default: the anchor"),
            new Option("load-api-id", false, "load-api-id", "api_id of the load company"),
            new Option("load-api-token", false, "load-api-token", "api_token of the load company"));

    private final Map<String, String> values;
    private final boolean help;

    private SimulatorOptions(Map<String, String> values, boolean help) {
        this.values = values;
        this.help = help;
    }

    public static SimulatorOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Option o : OPTIONS) {
            String fromEnv = env.get(o.env());
            values.put(o.flag(), fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : o.defaultValue());
        }
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + " (see --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Option option = option(name);
            if (value == null) {
                boolean nextIsValue = i + 1 < args.length && !args[i + 1].startsWith("--");
                if (option.bool()) {
                    value = nextIsValue && isBoolean(args[i + 1]) ? args[++i] : "true";
                } else if (nextIsValue) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
            }
            values.put(name, value);
        }
        return new SimulatorOptions(values, help);
    }

    private static Option option(String name) {
        return OPTIONS.stream().filter(o -> o.flag().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown option --" + name + " (see --help)"));
    }

    private static boolean isBoolean(String s) {
        return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
    }

    public boolean help() {
        return help;
    }

    public String string(String flag) {
        return values.get(flag);
    }

    public int integer(String flag) {
        return Integer.parseInt(values.get(flag));
    }

    public long longValue(String flag) {
        return Long.parseLong(values.get(flag));
    }

    public boolean bool(String flag) {
        return Boolean.parseBoolean(values.get(flag));
    }

    /** Whole seconds ("60") or an ISO-8601 duration ("PT2S"). */
    public Duration duration(String flag) {
        String v = values.get(flag);
        return v.startsWith("P") || v.startsWith("p") ? Duration.parse(v) : Duration.ofSeconds(Long.parseLong(v));
    }

    /** UNIX seconds or an ISO-8601 instant; null when unset. */
    public Instant instant(String flag) {
        String v = values.get(flag);
        if (v == null || v.isBlank()) {
            return null;
        }
        return v.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(v)) : Instant.parse(v);
    }

    public List<String> datasets() {
        return List.of(values.get("dataset").toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    }

    static String usage() {
        StringBuilder sb = new StringBuilder(
                "Usage: java -jar aircall-simulator.jar [--option value]...\n"
                        + "A stand-in for Aircall's Public API v1. Flags override environment variables.\n\n");
        for (Option o : OPTIONS) {
            sb.append(String.format("  --%-32s %-40s %s%s%n", o.flag() + (o.bool() ? "" : " <value>"), o.env(),
                    o.help(), o.defaultValue() == null ? "" : " [" + o.defaultValue() + "]"));
        }
        return sb.toString();
    }
}
