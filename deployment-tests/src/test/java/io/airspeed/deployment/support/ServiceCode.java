package io.airspeed.deployment.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service's code says about how it must be deployed, read at test time from its
 * application.properties, its pom (extensions), its {@code @ConfigMapping} interfaces and its
 * endpoints (the OpenAPI document the build wrote, or else the JAX-RS annotations in its sources).
 */
public final class ServiceCode {

    /**
     * Environment variables a service reads without naming them in its own files: standard
     * MicroProfile / SmallRye / Quarkus properties, each with the extension that reads it.
     * Add one here only with the extension that gives it meaning.
     */
    public static final Map<String, String> STANDARD_ENV = Map.of(
            "SMALLRYE_JWT_SIGN_KEY_LOCATION", "quarkus-smallrye-jwt-build",
            "QUARKUS_LOG_LEVEL", "",
            "QUARKUS_PROFILE", "");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}$]+)(?::([^}]*))?}");
    private static final Pattern EXTENSION = Pattern.compile("<artifactId>(quarkus-[\\w-]+)</artifactId>");

    private final String name;
    private final Path propertiesFile;
    private final Map<String, String> properties;
    private final Map<String, String> placeholderDefaults;
    private final Set<String> mappedProperties;
    private final Set<String> extensions;
    private final Set<Endpoint> endpoints;
    private final Set<Endpoint> serviceTokenEndpoints;
    private final String endpointSource;

    private ServiceCode(Project project, String name) {
        this.name = name;
        this.propertiesFile = project.applicationProperties(name);
        this.properties = loadProperties(propertiesFile);
        this.placeholderDefaults = placeholders(properties);
        this.mappedProperties = ConfigMappingScanner.scan(project.javaSources(name));
        this.extensions = extensions(project.pom(name));
        this.serviceTokenEndpoints = JaxRsScanner.scanServiceTokenEndpoints(project.javaSources(name));
        Path openApi = project.openApiDocument(name);
        if (Files.isRegularFile(openApi)) {
            this.endpoints = OpenApiDocument.read(openApi);
            this.endpointSource = project.relative(openApi);
        } else {
            this.endpoints = JaxRsScanner.scan(project.javaSources(name));
            this.endpointSource = "JAX-RS annotations in " + project.relative(project.javaSources(name));
        }
    }

    public static ServiceCode read(Project project, String name) {
        return new ServiceCode(project, name);
    }

    public String name() {
        return name;
    }

    public Path propertiesFile() {
        return propertiesFile;
    }

    /** The production value of a property (no profile), placeholders resolved to their defaults. */
    public String property(String key, String fallback) {
        String value = properties.get(key);
        return value == null ? fallback : resolve(value);
    }

    public int httpPort() {
        return Integer.parseInt(property("quarkus.http.port", "8080"));
    }

    /** Where health is served: the management interface when it is enabled, else the HTTP port. */
    public int healthPort() {
        return Boolean.parseBoolean(property("quarkus.management.enabled", "false"))
                ? Integer.parseInt(property("quarkus.management.port", "9000"))
                : httpPort();
    }

    public boolean servesHealth() {
        return extensions.contains("quarkus-smallrye-health");
    }

    /** "live", "ready" or "started" → the path quarkus-smallrye-health serves it on, with this service's settings. */
    public String healthPath(String kind) {
        String base;
        if (Boolean.parseBoolean(property("quarkus.management.enabled", "false"))) {
            base = absolute("/", property("quarkus.management.root-path", "/q"));
        } else {
            String root = absolute("/", property("quarkus.http.root-path", "/"));
            base = absolute(root, property("quarkus.http.non-application-root-path", "q"));
        }
        String health = absolute(base, property("quarkus.smallrye-health.root-path", "health"));
        String sub = switch (kind) {
            case "live" -> property("quarkus.smallrye-health.liveness-path", "live");
            case "ready" -> property("quarkus.smallrye-health.readiness-path", "ready");
            case "started" -> property("quarkus.smallrye-health.startup-path", "started");
            default -> throw new IllegalArgumentException(kind);
        };
        return absolute(health, sub);
    }

    private static String absolute(String base, String path) {
        String joined = path.startsWith("/") ? path : base + "/" + path;
        return Endpoint.normalizePath(joined);
    }

    /**
     * Why the service reads environment variable {@code env}, or null when nothing in it does.
     * SmallRye Config maps a property to an environment variable by replacing each character that
     * is not a letter or digit with '_' and upper-casing, so FOO_BAR_BAZ is foo.bar.baz or foo.bar-baz.
     */
    public String reasonItReads(String env) {
        if (placeholderDefaults.containsKey(env)) {
            return "${" + env + "} in application.properties";
        }
        for (String key : properties.keySet()) {
            if (toEnv(unprofiled(key)).equals(env)) {
                return "property " + unprofiled(key) + " in application.properties";
            }
        }
        for (String key : mappedProperties) {
            if (toEnv(key).equals(env)) {
                return "@ConfigMapping property " + key;
            }
        }
        for (String key : placeholderDefaults.keySet()) {
            if (toEnv(key).equals(env)) {
                return "${" + key + "} in application.properties";
            }
        }
        String extension = STANDARD_ENV.get(env);
        if (extension != null && (extension.isEmpty() || extensions.contains(extension))) {
            return "standard property of " + (extension.isEmpty() ? "Quarkus" : extension);
        }
        return null;
    }

    /**
     * Environment variables a cluster must set: placeholders whose default only works on a
     * developer's machine (localhost), and the database credentials.
     */
    public Set<String> environmentWithoutClusterDefault() {
        Set<String> required = new LinkedHashSet<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("%")) {
                return;
            }
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                String defaultValue = m.group(2);
                boolean localDefault = defaultValue != null && defaultValue.contains("localhost");
                boolean credentials = key.startsWith("quarkus.datasource.") && (key.endsWith(".username") || key.endsWith(".password"));
                if (isEnvName(m.group(1)) && (localDefault || credentials)) {
                    required.add(m.group(1));
                }
            }
        });
        return required;
    }

    public Set<String> extensions() {
        return extensions;
    }

    public Set<String> mappedProperties() {
        return mappedProperties;
    }

    public Set<Endpoint> endpoints() {
        return endpoints;
    }

    /** Endpoints that admit service tokens ({@code @RolesAllowed} names {@code service}), read from the sources. */
    public Set<Endpoint> serviceTokenEndpoints() {
        return serviceTokenEndpoints;
    }

    public String endpointSource() {
        return endpointSource;
    }

    public static String toEnv(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static boolean isEnvName(String name) {
        return name.matches("[A-Z][A-Z0-9_]*");
    }

    private String resolve(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = properties.containsKey(m.group(1)) ? resolve(properties.get(m.group(1)))
                    : m.group(2) != null ? m.group(2) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every entry; a profiled key (%dev,test.x) is kept with its profile prefix. */
    private static Map<String, String> loadProperties(Path file) {
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            raw.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new java.util.TreeMap<>();
        raw.stringPropertyNames().forEach(key -> all.put(key, raw.getProperty(key)));
        return all;
    }

    /** A key without its profile prefix: the name the service reads in some profile. */
    private static String unprofiled(String key) {
        return key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
    }

    private static Map<String, String> placeholders(Map<String, String> properties) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String value : properties.values()) {
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                names.putIfAbsent(m.group(1), m.group(2));
            }
        }
        return names;
    }

    private static Set<String> extensions(Path pom) {
        Set<String> found = new LinkedHashSet<>();
        try {
            Matcher m = EXTENSION.matcher(Files.readString(pom));
            while (m.find()) {
                found.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
