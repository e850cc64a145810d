package io.airspeed.deployment.support;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects one kustomization brings together, without rendering: its resources (files, and
 * directories with their own kustomization, recursively), its patch files (as partial objects) and
 * the ConfigMaps and Secrets its generators make. Enough to ask "which objects and which settings
 * does this overlay provide?" without kustomize; {@code kubectl kustomize} renders the real thing
 * (see OverlaysTest).
 */
public final class KustomizeTree {

    private final Project project;
    private final List<Manifest> manifests = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private KustomizeTree(Project project) {
        this.project = project;
    }

    public static KustomizeTree load(Project project, Path kustomizationDir) {
        KustomizeTree tree = new KustomizeTree(project);
        tree.add(kustomizationDir);
        return tree;
    }

    /**
     * Every manifest in the repository: each YAML file under k8s/ (patch files marked as patches),
     * plus what each kustomization's generators make. Problems: files that do not parse cleanly.
     */
    public static KustomizeTree everything(Project project) {
        KustomizeTree tree = new KustomizeTree(project);
        List<Path> kustomizations = yamlFiles(project.k8s()).stream()
                .filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        java.util.Set<Path> patchFiles = new java.util.HashSet<>();
        for (Path k : kustomizations) {
            for (Kustomization.Patch patch : Kustomization.read(k).patchesOrEmpty()) {
                if (patch.path() != null) {
                    patchFiles.add(k.getParent().resolve(patch.path()).normalize());
                }
            }
        }
        for (Path file : yamlFiles(project.k8s())) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                tree.addFile(file, patchFiles.contains(file.normalize()));
            }
        }
        for (Path k : kustomizations) {
            tree.addGenerated(k.getParent(), Kustomization.read(k));
        }
        return tree;
    }

    /** Every *.yaml / *.yml file under a directory, sorted. */
    public static List<Path> yamlFiles(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Manifest> manifests() {
        return manifests;
    }

    public List<String> problems() {
        return problems;
    }

    private void add(Path dir) {
        Kustomization k = Kustomization.read(dir.resolve("kustomization.yaml"));
        for (String resource : k.resourcesOrEmpty()) {
            Path path = dir.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                add(path);
            } else {
                addFile(path, false);
            }
        }
        for (Kustomization.Patch patch : k.patchesOrEmpty()) {
            if (patch.path() != null) {
                addFile(dir.resolve(patch.path()).normalize(), true);
            }
        }
        addGenerated(dir, k);
    }

    private void addGenerated(Path dir, Kustomization k) {
        if (k.configMapGenerator() != null) {
            for (Kustomization.Generator g : k.configMapGenerator()) {
                manifests.add(new Manifest(project.relative(dir.resolve("kustomization.yaml")) + " configMapGenerator",
                        new ConfigMapBuilder().withNewMetadata().withName(g.name()).endMetadata()
                                .withData(generatedData(dir, g)).build(), false));
            }
        }
        if (k.secretGenerator() != null) {
            for (Kustomization.Generator g : k.secretGenerator()) {
                manifests.add(new Manifest(project.relative(dir.resolve("kustomization.yaml")) + " secretGenerator",
                        new SecretBuilder().withNewMetadata().withName(g.name()).endMetadata()
                                .withStringData(generatedData(dir, g)).build(), false));
            }
        }
    }

    private Map<String, String> generatedData(Path dir, Kustomization.Generator g) {
        Map<String, String> data = new LinkedHashMap<>();
        if (g.literals() != null) {
            for (String literal : g.literals()) {
                int eq = literal.indexOf('=');
                data.put(literal.substring(0, eq), literal.substring(eq + 1));
            }
        }
        if (g.files() != null) {
            for (String entry : g.files()) {
                try {
                    data.put(Kustomization.Generator.keyOf(entry), Files.readString(dir.resolve(Kustomization.Generator.fileOf(entry))));
                } catch (IOException e) {
                    problems.add(project.relative(dir) + ": generator " + g.name() + " names a missing file " + entry);
                }
            }
        }
        return data;
    }

    private void addFile(Path file, boolean patch) {
        try {
            Manifests.Parsed parsed = Manifests.parse(project.relative(file), Files.readString(file), patch);
            manifests.addAll(parsed.manifests());
            problems.addAll(parsed.problems());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
