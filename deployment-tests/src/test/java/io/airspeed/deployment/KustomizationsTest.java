package io.airspeed.deployment;

import io.airspeed.deployment.support.Kustomization;
import io.airspeed.deployment.support.KustomizeTree;
import io.airspeed.deployment.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kustomization lists only files that exist, and every manifest file is listed somewhere. */
class KustomizationsTest {

    private final Project project = Project.current();

    /** Missing files named by any kustomization under k8s/ (resources, patches, generator files). */
    static List<String> missingFiles(Project project) {
        List<String> missing = new ArrayList<>();
        for (Path file : KustomizeTree.yamlFiles(project.k8s())) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            Path dir = file.getParent();
            Kustomization k = Kustomization.read(file);
            String where = project.relative(file);
            for (String resource : k.resourcesOrEmpty()) {
                Path path = dir.resolve(resource).normalize();
                if (!(Files.isRegularFile(path) || Files.isRegularFile(path.resolve("kustomization.yaml")))) {
                    missing.add(where + ": resource " + resource);
                }
            }
            for (Kustomization.Patch patch : k.patchesOrEmpty()) {
                if (patch.path() != null && !Files.isRegularFile(dir.resolve(patch.path()))) {
                    missing.add(where + ": patch " + patch.path());
                }
                if (patch.path() == null && (patch.patch() == null || patch.target() == null)) {
                    missing.add(where + ": a patch with neither a file nor an inline patch and target");
                }
            }
            for (Kustomization.Generator g : k.generators()) {
                for (String entry : g.files() == null ? List.<String>of() : g.files()) {
                    if (!Files.isRegularFile(dir.resolve(Kustomization.Generator.fileOf(entry)))) {
                        missing.add(where + ": generator " + g.name() + " file " + entry);
                    }
                }
                for (String env : g.envs() == null ? List.<String>of() : g.envs()) {
                    if (!Files.isRegularFile(dir.resolve(env))) {
                        missing.add(where + ": generator " + g.name() + " envs " + env);
                    }
                }
            }
        }
        return missing;
    }

    @Test
    void everyListedFileExists() {
        assertThat(missingFiles(project)).isEmpty();
    }

    @Test
    void bothOverlaysBuildOnTheBase() {
        for (String overlay : List.of("dev", "prod")) {
            Kustomization k = Kustomization.read(project.k8s().resolve("overlays/" + overlay + "/kustomization.yaml"));
            assertThat(k.resourcesOrEmpty()).as(overlay).contains("../../base");
            assertThat(k.namespace()).as(overlay + " namespace").isNotBlank();
        }
    }

    @Test
    void everyManifestFileIsUsedByAKustomizationOrIsATemplate() {
        Set<Path> listed = new LinkedHashSet<>();
        for (Path file : KustomizeTree.yamlFiles(project.k8s())) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                Kustomization k = Kustomization.read(file);
                k.resourcesOrEmpty().forEach(r -> listed.add(file.getParent().resolve(r).normalize()));
                k.patchesOrEmpty().stream().filter(p -> p.path() != null)
                        .forEach(p -> listed.add(file.getParent().resolve(p.path()).normalize()));
            }
        }
        assertThat(KustomizeTree.yamlFiles(project.k8s()))
                .filteredOn(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                .filteredOn(f -> !f.startsWith(project.k8s().resolve("templates")))
                .allSatisfy(f -> assertThat(listed).as("kustomizations list " + project.relative(f)).contains(f.normalize()));
    }

    @Test
    void reportsAResourceOrPatchThatDoesNotExist(@TempDir Path tmp) throws IOException {
        Project copy = project.copyTo(tmp);
        Files.delete(copy.k8s().resolve("base/users-service/pdb.yaml"));
        Files.delete(copy.k8s().resolve("overlays/dev/patches/ingest-service-replicas.yaml"));
        Files.delete(copy.k8s().resolve("overlays/dev/jwt/public.pem"));
        assertThat(missingFiles(copy)).containsExactlyInAnyOrder(
                "k8s/base/kustomization.yaml: resource users-service/pdb.yaml",
                "k8s/overlays/dev/kustomization.yaml: patch patches/ingest-service-replicas.yaml",
                "k8s/overlays/dev/kustomization.yaml: generator airspeed-jwt-public-key file public.pem=jwt/public.pem");
    }
}
