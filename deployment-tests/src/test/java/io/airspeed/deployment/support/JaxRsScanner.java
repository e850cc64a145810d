package io.airspeed.deployment.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fallback when a service's OpenAPI document was not written: the endpoints its JAX-RS
 * resources declare, read from the source text. A class-level {@code @Path} plus, per method, an
 * HTTP-method annotation, an optional method-level {@code @Path} and its {@code @QueryParam}s.
 * REST client interfaces ({@code @RegisterRestClient}) are what the service calls, not what it serves.
 */
public final class JaxRsScanner {

    private static final Pattern PATH = Pattern.compile("@(?:jakarta\\.ws\\.rs\\.)?Path\\s*\\(\\s*(?:value\\s*=\\s*)?\"([^\"]*)\"\\s*\\)");
    private static final Pattern HTTP_METHOD = Pattern.compile("@(?:jakarta\\.ws\\.rs\\.)?(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(?![\\w.])");
    private static final Pattern ROLES_ALLOWED = Pattern.compile("@(?:jakarta\\.annotation\\.security\\.)?RolesAllowed\\s*\\(([^)]*)\\)");
    private static final Pattern ROLE = Pattern.compile("\"([^\"]+)\"|([A-Za-z_][\\w.]*)");
    private static final Pattern QUERY_PARAM = Pattern.compile("@(?:jakarta\\.ws\\.rs\\.)?QueryParam\\s*\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"\\s*\\)");

    private JaxRsScanner() {
    }

    public static Set<Endpoint> scan(Path sourceRoot) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        if (!Files.isDirectory(sourceRoot)) {
            return endpoints;
        }
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                endpoints.addAll(scanSource(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return endpoints;
    }

    /**
     * The endpoints whose {@code @RolesAllowed} (on the method, else on the class) admits the
     * {@code service} role, written {@code "service"} or as a constant named {@code SERVICE}.
     */
    public static Set<Endpoint> scanServiceTokenEndpoints(Path sourceRoot) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        if (!Files.isDirectory(sourceRoot)) {
            return endpoints;
        }
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                endpoints.addAll(scan(Files.readString(file), true));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return endpoints;
    }

    static boolean admitsService(String annotations) {
        Matcher roles = ROLES_ALLOWED.matcher(annotations);
        if (!roles.find()) {
            return false;
        }
        Matcher role = ROLE.matcher(roles.group(1));
        while (role.find()) {
            String name = role.group(1) != null ? role.group(1) : role.group(2).substring(role.group(2).lastIndexOf('.') + 1);
            if (name.equalsIgnoreCase("service")) {
                return true;
            }
        }
        return false;
    }

    public static List<Endpoint> scanSource(String source) {
        return scan(source, false);
    }

    private static List<Endpoint> scan(String source, boolean onlyServiceTokens) {
        String code = JavaText.withoutComments(source);
        List<Endpoint> endpoints = new ArrayList<>();
        JavaText.TypeOutline type = JavaText.outline(code);
        if (type == null || type.header().contains("@RegisterRestClient")) {
            return endpoints;
        }
        Matcher classPath = PATH.matcher(type.header());
        if (!classPath.find()) {
            return endpoints;
        }
        for (String member : type.memberHeaders()) {
            Matcher method = HTTP_METHOD.matcher(member);
            if (!method.find()) {
                continue;
            }
            if (onlyServiceTokens && !(ROLES_ALLOWED.matcher(member).find() ? admitsService(member) : admitsService(type.header()))) {
                continue;
            }
            Matcher methodPath = PATH.matcher(member);
            String path = classPath.group(1) + "/" + (methodPath.find() ? methodPath.group(1) : "");
            Set<String> query = new LinkedHashSet<>();
            Matcher q = QUERY_PARAM.matcher(member);
            while (q.find()) {
                query.add(q.group(1));
            }
            endpoints.add(new Endpoint(method.group(1), Endpoint.normalizePath(path), query));
        }
        return endpoints;
    }
}
