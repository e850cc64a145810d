package io.airspeed.deployment.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The property names a service's {@code @ConfigMapping} interfaces declare, read from source as
 * SmallRye Config maps them: the prefix, then per method its name in kebab-case (or
 * {@code @WithName}); a method returning a nested interface is a group whose methods go one
 * segment deeper. ({@code rateLimitPerMinute()} in group {@code aircall()} under prefix
 * {@code ingest} is {@code ingest.aircall.rate-limit-per-minute}.)
 */
public final class ConfigMappingScanner {

    private static final Pattern MAPPING = Pattern.compile("@(?:io\\.smallrye\\.config\\.)?ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern METHOD = Pattern.compile("([\\w.]+(?:\\s*<[\\w\\s.,<>?]*>)?(?:\\[])?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;\\s*$");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(\\s*\\((?:[^()\"]|\"(?:[^\"\\\\]|\\\\.)*\")*\\))?");
    private static final Pattern WRAPPER = Pattern.compile("(?:Optional|List|Set|Collection)\\s*<\\s*([\\w.]+)\\s*>");

    private ConfigMappingScanner() {
    }

    public static Set<String> scan(Path sourceRoot) {
        Set<String> properties = new LinkedHashSet<>();
        if (!Files.isDirectory(sourceRoot)) {
            return properties;
        }
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                properties.addAll(scanSource(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    public static Set<String> scanSource(String source) {
        Set<String> properties = new LinkedHashSet<>();
        String code = JavaText.withoutComments(source);
        JavaText.TypeOutline type = JavaText.outline(code);
        if (type == null) {
            return properties;
        }
        Matcher mapping = MAPPING.matcher(type.header());
        if (mapping.find()) {
            collect(mapping.group(1), type.body(), JavaText.nestedTypes(type.body()), properties);
        }
        return properties;
    }

    private static void collect(String prefix, String body, Map<String, String> groups, Set<String> out) {
        Map<String, String> nested = JavaText.nestedTypes(body);
        for (String member : JavaText.memberHeaders(body)) {
            String declaration = ANNOTATION.matcher(member).replaceAll(" ").trim();
            if (declaration.matches("(?s).*\\b(interface|class|record|enum|default|static)\\b.*")) {
                continue;
            }
            Matcher method = METHOD.matcher(declaration);
            if (!method.find()) {
                continue;
            }
            Matcher withName = WITH_NAME.matcher(member);
            String name = prefix + "." + (withName.find() ? withName.group(1) : kebab(method.group(2)));
            String type = method.group(1).replaceAll("\\s+", "");
            Matcher wrapped = WRAPPER.matcher(type);
            String element = wrapped.matches() ? wrapped.group(1) : type;
            String simple = element.substring(element.lastIndexOf('.') + 1);
            String groupBody = nested.containsKey(simple) ? nested.get(simple) : groups.get(simple);
            if (groupBody != null) {
                collect(name, groupBody, groups, out);
            } else {
                out.add(name);
            }
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
