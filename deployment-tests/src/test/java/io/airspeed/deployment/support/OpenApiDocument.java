package io.airspeed.deployment.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The operations of an OpenAPI 3 document (the one Quarkus writes at build time). */
public final class OpenApiDocument {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiDocument() {
    }

    public static Set<Endpoint> read(Path document) {
        JsonNode root = JSON.readTree(document.toFile());
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            Set<String> pathLevelQuery = queryParameters(path.getValue());
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                Set<String> query = new LinkedHashSet<>(pathLevelQuery);
                query.addAll(queryParameters(operation.getValue()));
                endpoints.add(new Endpoint(operation.getKey().toUpperCase(Locale.ROOT), Endpoint.normalizePath(path.getKey()), query));
            }
        }
        return endpoints;
    }

    private static Set<String> queryParameters(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode parameter : node.path("parameters")) {
            if ("query".equals(parameter.path("in").asString(""))) {
                names.add(parameter.path("name").asString(""));
            }
        }
        return names;
    }
}
