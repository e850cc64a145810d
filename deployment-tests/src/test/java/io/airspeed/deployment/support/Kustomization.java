package io.airspeed.deployment.support;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A kustomization.yaml, typed for the fields kustomize v5 documents and this repository uses;
 * any other field fails the parse (a typo such as "resource:" would otherwise be ignored).
 */
public record Kustomization(
        String apiVersion,
        String kind,
        String namespace,
        List<String> resources,
        List<Patch> patches,
        List<Image> images,
        List<Generator> configMapGenerator,
        List<Generator> secretGenerator,
        GeneratorOptions generatorOptions,
        List<Label> labels) {

    private static final ObjectMapper STRICT = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public record Patch(String path, String patch, Target target, Map<String, Boolean> options) {
    }

    public record Target(String group, String version, String kind, String name, String namespace,
                         String labelSelector, String annotationSelector) {
    }

    public record Image(String name, String newName, String newTag, String digest) {
    }

    public record Generator(String name, String namespace, String behavior, List<String> literals, List<String> files,
                            List<String> envs, String type, GeneratorOptions options) {

        /** "key=path" or "path" → the file path. */
        public static String fileOf(String entry) {
            int eq = entry.indexOf('=');
            return eq < 0 ? entry : entry.substring(eq + 1);
        }

        /** "key=path" or "path" → the key (the file's name when no key is given). */
        public static String keyOf(String entry) {
            int eq = entry.indexOf('=');
            return eq < 0 ? Path.of(entry).getFileName().toString() : entry.substring(0, eq);
        }
    }

    public record GeneratorOptions(Map<String, String> labels, Map<String, String> annotations,
                                   Boolean disableNameSuffixHash, Boolean immutable) {
    }

    public record Label(Map<String, String> pairs, Boolean includeSelectors, Boolean includeTemplates) {
    }

    public List<String> resourcesOrEmpty() {
        return resources == null ? List.of() : resources;
    }

    public List<Patch> patchesOrEmpty() {
        return patches == null ? List.of() : patches;
    }

    public List<Generator> generators() {
        return java.util.stream.Stream.concat(
                configMapGenerator == null ? java.util.stream.Stream.empty() : configMapGenerator.stream(),
                secretGenerator == null ? java.util.stream.Stream.empty() : secretGenerator.stream()).toList();
    }

    public static Kustomization read(Path file) {
        try {
            return STRICT.readValue(Files.readString(file), Kustomization.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
