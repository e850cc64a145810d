package io.airspeed.deployment;

import io.airspeed.deployment.support.Kustomization;
import io.airspeed.deployment.support.KustomizeTree;
import io.airspeed.deployment.support.Manifests;
import io.airspeed.deployment.support.Project;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every manifest is a typed Kubernetes object with no field its model does not know. */
class ManifestsParseTest {

    private static final Project PROJECT = Project.current();

    static Stream<Path> manifestFiles() {
        return KustomizeTree.yamlFiles(PROJECT.k8s()).stream()
                .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"));
    }

    static Stream<Path> kustomizationFiles() {
        return KustomizeTree.yamlFiles(PROJECT.k8s()).stream()
                .filter(f -> f.getFileName().toString().equals("kustomization.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestFiles")
    void parsesAsTypedObjectsWithNoUnknownField(Path file) throws IOException {
        Manifests.Parsed parsed = Manifests.parse(PROJECT.relative(file), Files.readString(file), false);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.manifests()).as("objects in " + PROJECT.relative(file)).isNotEmpty()
                .allSatisfy(m -> assertThat(m.name()).as("metadata.name").isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizationFiles")
    void kustomizationsUseOnlyFieldsKustomizeKnows(Path file) {
        Kustomization k = Kustomization.read(file);
        assertThat(k.apiVersion()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(k.kind()).isEqualTo("Kustomization");
        assertThat(k.resourcesOrEmpty()).isNotEmpty();
    }

    @Test
    void reportsAFieldTheModelDoesNotKnow() {
        Manifests.Parsed parsed = Manifests.parse("typo.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: x
                          image: x
                          ports:
                            - containerPort: 8081
                              protocl: TCP
                """, false);
        assertThat(parsed.problems()).singleElement().asString()
                .contains("typo.yaml", "unknown field", "spec.template.spec.containers[0].ports[0].protocl");
        assertThat(parsed.manifests()).singleElement().satisfies(m -> assertThat(m.object()).isInstanceOf(Deployment.class));
    }

    @Test
    void reportsAnObjectWithNoTypedModelAndUnknownCloudNativePgFields() {
        assertThat(Manifests.parse("crd.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n", false).problems())
                .singleElement().asString().contains("no typed model");
        assertThat(Manifests.parse("cluster.yaml", """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec:
                  instances: 3
                  storage: {size: 1Gi, sizee: 2Gi}
                """, false).problems()).singleElement().asString().contains("unknown field", "storage.sizee");
    }

    @Test
    void reportsNumbersWhereKubernetesRequiresStrings() {
        assertThat(Manifests.parse("cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, labels: {tier: 1}}
                data:
                  DB_POOL_SIZE: 10
                """, false).problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("data.DB_POOL_SIZE must be a string"))
                .anySatisfy(p -> assertThat(p).contains("labels.tier must be a string"));
    }

    @Test
    void rejectsAKustomizationFieldKustomizeDoesNotKnow(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("kustomization.yaml");
        Files.writeString(file, "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresource:\n  - a.yaml\n");
        assertThatThrownBy(() -> Kustomization.read(file)).hasMessageContaining("resource");
    }
}
