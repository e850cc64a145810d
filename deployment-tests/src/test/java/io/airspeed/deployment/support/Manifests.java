package io.airspeed.deployment.support;

import io.airspeed.deployment.cnpg.Cluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * YAML text → typed Kubernetes objects (fabric8 model; CloudNativePG's Cluster typed here), with
 * every deviation reported: an object with no typed model, a field the model does not know
 * (fabric8 keeps those in {@code additionalProperties} instead of failing, so they are looked for),
 * and a scalar where Kubernetes requires a string (a YAML parser would quietly turn {@code 10} into "10").
 */
public final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    static {
        SERIALIZATION.registerKubernetesResource(Cluster.class);
    }

    private Manifests() {
    }

    public record Parsed(List<Manifest> manifests, List<String> problems) {
    }

    /** The non-empty YAML documents of a text, as trees. */
    public static List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode() && !(node.isObject() && node.isEmpty())) {
                    documents.add(node);
                }
            }
        }
        return documents;
    }

    public static Parsed parse(String origin, String yaml, boolean patch) {
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<JsonNode> documents;
        try {
            documents = documents(yaml);
        } catch (RuntimeException e) {
            return new Parsed(manifests, List.of(origin + ": not valid YAML: " + e.getMessage()));
        }
        for (int i = 0; i < documents.size(); i++) {
            JsonNode document = documents.get(i);
            String where = origin + (documents.size() > 1 ? " (document " + (i + 1) + ")" : "");
            String kind = document.path("apiVersion").asString("?") + " " + document.path("kind").asString("?");
            stringsWhereKubernetesWantsStrings(document, "", where, problems);
            KubernetesResource typed;
            try {
                typed = SERIALIZATION.unmarshal(document.toString(), KubernetesResource.class);
            } catch (RuntimeException e) {
                problems.add(where + ": " + kind + " does not parse as its typed model: " + e.getMessage());
                continue;
            }
            if (typed instanceof GenericKubernetesResource || !(typed instanceof HasMetadata object)) {
                problems.add(where + ": " + kind + " has no typed model (unknown apiVersion/kind)");
                continue;
            }
            for (String unknown : unknownFields(object)) {
                problems.add(where + ": " + kind + ": unknown field " + unknown);
            }
            manifests.add(new Manifest(where, object, patch));
        }
        return new Parsed(manifests, problems);
    }

    /** Paths of fields the typed model did not recognise. */
    public static List<String> unknownFields(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value.getClass().isPrimitive()) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found, seen));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (!isModel(value.getClass()) || !seen.add(value)) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0 || !isModel(method.getDeclaringClass())) {
                continue;
            }
            String name = method.getName();
            Object result;
            try {
                result = method.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (name.equals("getAdditionalProperties")) {
                if (result instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> found.add((path.isEmpty() ? "" : path.substring(1) + ".") + key));
                }
            } else if (name.startsWith("get") && name.length() > 3) {
                walk(result, path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), found, seen);
            }
        }
        for (Field field : value.getClass().getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                try {
                    walk(field.get(value), path + "." + field.getName(), found, seen);
                } catch (IllegalAccessException e) {
                    // public fields only
                }
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith("io.fabric8.kubernetes.api.model.") || name.startsWith("io.fabric8.kubernetes.client.CustomResource")
                || name.startsWith("io.airspeed.deployment.cnpg.");
    }

    /** Kubernetes rejects a non-string in these maps and in env values; YAML parsers here would convert it. */
    private static void stringsWhereKubernetesWantsStrings(JsonNode node, String path, String where, List<String> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                JsonNode child = field.getValue();
                boolean stringMap = key.equals("labels") || key.equals("annotations") || key.equals("matchLabels")
                        || key.equals("stringData") || (key.equals("data") && path.isEmpty());
                if (stringMap && child.isObject()) {
                    for (Map.Entry<String, JsonNode> entry : child.properties()) {
                        if (!entry.getValue().isString()) {
                            problems.add(where + ": " + path + key + "." + entry.getKey() + " must be a string (quote it)");
                        }
                    }
                }
                stringsWhereKubernetesWantsStrings(child, path + key + ".", where, problems);
            }
        } else if (node.isArray()) {
            boolean env = path.endsWith("env.");
            for (JsonNode item : node) {
                if (env && item.has("value") && !item.get("value").isString()) {
                    problems.add(where + ": " + path + item.path("name").asString("?") + " value must be a string (quote it)");
                }
                stringsWhereKubernetesWantsStrings(item, path, where, problems);
            }
        }
    }
}
