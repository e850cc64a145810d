package io.airspeed.deployment;

import io.airspeed.deployment.support.KustomizeTree;
import io.airspeed.deployment.support.ManifestChecks;
import io.airspeed.deployment.support.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifest checks can fail: each test copies the repository's manifests and code to a
 * temporary directory, changes ONE side (a manifest, or the code), and expects the check to
 * report exactly that mismatch, having first seen the unchanged copy pass.
 */
class DriftDetectionTest {

    @TempDir
    Path tmp;

    private Project copy;

    @BeforeEach
    void copyProject() {
        copy = Project.current().copyTo(tmp);
    }

    private List<String> run(Function<ManifestChecks, List<String>> check) {
        KustomizeTree tree = KustomizeTree.everything(copy);
        assertThat(tree.problems()).isEmpty();
        return check.apply(new ManifestChecks(copy, tree.manifests()));
    }

    private void expectOnlyAfterChange(Function<ManifestChecks, List<String>> check, Runnable change, String... expected) {
        assertThat(run(check)).as("the unchanged copy passes").isEmpty();
        change.run();
        assertThat(run(check)).as("after the one-sided change").isNotEmpty()
                .anySatisfy(problem -> assertThat(problem).contains(expected));
    }

    // ---------------------------------------------------------------------------------- ports

    @Test
    void containerPortChangedInTheManifestOnly() {
        expectOnlyAfterChange(ManifestChecks::containerPorts,
                () -> copy.replaceOnce("k8s/base/users-service/deployment.yaml", "containerPort: 8081", "containerPort: 8091"),
                "k8s/base/users-service/deployment.yaml", "port http=8091", "listen on 8081");
    }

    @Test
    void httpPortChangedInTheCodeOnly() {
        expectOnlyAfterChange(ManifestChecks::containerPorts,
                () -> copy.replaceOnce("users-service/src/main/resources/application.properties", "quarkus.http.port=8081", "quarkus.http.port=8085"),
                "port http=8081", "listen on 8085");
    }

    // --------------------------------------------------------------------------------- probes

    @Test
    void probePathChangedInTheManifestOnly() {
        expectOnlyAfterChange(ManifestChecks::probes,
                () -> copy.replaceOnce("k8s/base/visibility-service/deployment.yaml", "path: /q/health/ready", "path: /q/health/readyz"),
                "ready probe", "/q/health/readyz", "/q/health/ready");
    }

    @Test
    void healthPathChangedInTheCodeOnly() {
        expectOnlyAfterChange(ManifestChecks::probes,
                () -> append("users-service/src/main/resources/application.properties", "quarkus.smallrye-health.root-path=hc"),
                "asks /q/health/live", "/q/hc/live");
    }

    // ---------------------------------------------------------------------------- environment

    @Test
    void envNameChangedInTheConfigMapOnly() {
        expectOnlyAfterChange(ManifestChecks::environment,
                () -> copy.replaceOnce("k8s/base/ingest-service/configmap.yaml", "INGEST_RESCAN_OVERLAP: PT1H", "INGEST_RESCAN_OVERLAPS: PT1H"),
                "k8s/base/ingest-service/configmap.yaml", "INGEST_RESCAN_OVERLAPS", "ingest-service does not read");
    }

    @Test
    void envPlaceholderRenamedInApplicationPropertiesOnly() {
        expectOnlyAfterChange(ManifestChecks::environment,
                () -> copy.replaceOnce("users-service/src/main/resources/application.properties", "${LOG_JSON:false}", "${LOG_AS_JSON:false}"),
                "sets LOG_JSON", "users-service does not read");
    }

    @Test
    void configMappingMethodRenamedInTheCodeOnly() {
        expectOnlyAfterChange(ManifestChecks::environment,
                () -> copy.replaceOnce("ingest-service/src/main/java/io/airspeed/ingest/config/IngestConfig.java",
                        "Duration recordingGrace();", "Duration recordingGracePeriod();"),
                "sets INGEST_RECORDING_GRACE", "ingest-service does not read");
    }

    @Test
    void envVariableAddedToADeploymentOnly() {
        expectOnlyAfterChange(ManifestChecks::environment,
                () -> copy.replaceOnce("k8s/base/users-service/deployment.yaml", "          env:\n",
                        "          env:\n            - name: DB_MAX_POOL\n              value: \"5\"\n"),
                "env of users-service", "DB_MAX_POOL");
    }

    // ------------------------------------------------------------------------------- CronJob

    @Test
    void cronJobPathChangedInTheManifestOnly() {
        expectOnlyAfterChange(ManifestChecks::cronJobs,
                () -> copy.replaceOnce("k8s/base/ingest-service/ingestion-cronjob.yaml",
                        "'http://ingest-service:8082/api/ingestion/runs?wait=true'", "'http://ingest-service:8082/api/ingestion/run?wait=true'"),
                "calls POST /api/ingestion/run,", "ingest-service does not serve");
    }

    @Test
    void cronJobMethodChangedInTheManifestOnly() {
        expectOnlyAfterChange(ManifestChecks::cronJobs,
                () -> copy.replaceOnce("k8s/base/ingest-service/ingestion-cronjob.yaml", "--request POST", "--request PUT"),
                "calls PUT /api/ingestion/runs", "does not serve");
    }

    @Test
    void cronJobQueryParameterMisspelledInTheManifestOnly() {
        expectOnlyAfterChange(ManifestChecks::cronJobs,
                () -> copy.replaceOnce("k8s/base/ingest-service/ingestion-cronjob.yaml", "runs?wait=true'", "runs?wiat=true'"),
                "passes query parameters [wiat]");
    }

    @Test
    void cronJobPortChangedInTheManifestOnly() {
        expectOnlyAfterChange(ManifestChecks::cronJobs,
                () -> copy.replaceOnce("k8s/base/ingest-service/ingestion-cronjob.yaml", "ingest-service:8082/", "ingest-service:8080/"),
                "calls ingest-service:8080", "listens on [8082]");
    }

    @Test
    void cronJobCallsThePublicIngressInsteadOfTheClusterService() {
        expectOnlyAfterChange(ManifestChecks::cronJobs,
                () -> copy.replaceOnce("k8s/base/ingest-service/ingestion-cronjob.yaml",
                        "'http://ingest-service:8082/api/ingestion/runs?wait=true'", "'https://airspeed.example.com/api/ingestion/runs?wait=true'"),
                "calls host airspeed, which is no Service here");
    }

    @Test
    void resourcePathChangedInTheCodeOnly() throws IOException {
        // A source change not yet rebuilt: the check reads the JAX-RS annotations, not a stale document.
        Files.deleteIfExists(copy.openApiDocument("ingest-service"));
        expectOnlyAfterChange(ManifestChecks::cronJobs,
                () -> copy.replaceOnce("ingest-service/src/main/java/io/airspeed/ingest/rest/IngestionRunResource.java",
                        "@Path(\"/api/ingestion/runs\")", "@Path(\"/api/ingestion/jobs\")"),
                "calls POST /api/ingestion/runs", "JAX-RS annotations in ingest-service/src/main/java");
    }

    @Test
    void theOpenApiDocumentIsPreferredAndItsPathsCount() throws IOException {
        Path document = copy.openApiDocument("ingest-service");
        Files.createDirectories(document.getParent());
        Files.writeString(document, """
                {"openapi": "3.1.0", "paths": {
                  "/api/ingestion/runs": {"post": {"parameters": [{"name": "wait", "in": "query"}]}},
                  "/api/ingestion/runs/{id}": {"get": {}},
                  "/api/integrations/aircall": {"get": {}, "put": {}, "delete": {}},
                  "/api/ingestion/decisions": {"get": {}},
                  "/api/backfills": {"post": {}},
                  "/api/backfills/{id}": {"get": {}}}}
                """);
        expectOnlyAfterChange(ManifestChecks::cronJobs,
                () -> copy.replaceOnce("ingest-service/target/openapi/openapi.json", "\"/api/ingestion/runs\": {\"post\"", "\"/api/ingestion/runs\": {\"get\""),
                "calls POST /api/ingestion/runs", "per ingest-service/target/openapi/openapi.json");
    }

    // ------------------------------------------------------------------ routes, labels, URLs

    @Test
    void ingressRoutesAPathToTheWrongService() {
        expectOnlyAfterChange(ManifestChecks::ingress,
                () -> copy.replaceOnce("k8s/base/ingress.yaml",
                        "- path: /api/calls\n            pathType: Prefix\n            backend:\n              service:\n                name: visibility-service",
                        "- path: /api/calls\n            pathType: Prefix\n            backend:\n              service:\n                name: users-service"),
                "routes /api/calls to users-service, which serves nothing there");
    }

    @Test
    void anEndpointTheIngressDoesNotRoute() throws IOException {
        Files.deleteIfExists(copy.openApiDocument("users-service"));
        expectOnlyAfterChange(ManifestChecks::ingress,
                () -> copy.replaceOnce("users-service/src/main/java/io/airspeed/users/rest/UserResource.java",
                        "@Path(\"/api/users\")", "@Path(\"/api/people\")"),
                "users-service serves GET /api/people", "routes it nowhere");
    }

    @Test
    void theIngressExposesTheIngestionTriggerAgain() {
        expectOnlyAfterChange(ManifestChecks::ingress,
                () -> copy.replaceOnce("k8s/base/ingress.yaml", "- path: /api/ingestion/decisions", "- path: /api/ingestion"),
                "serves POST /api/ingestion/runs to service tokens, but the Ingress routes it to ingest-service");
    }

    @Test
    void aPublicEndpointStartsTakingServiceTokensInTheCodeOnly() {
        expectOnlyAfterChange(ManifestChecks::ingress,
                () -> copy.replaceOnce("ingest-service/src/main/java/io/airspeed/ingest/rest/DecisionResource.java",
                        "@RolesAllowed(Caller.ADMIN)", "@RolesAllowed({Caller.ADMIN, Caller.SERVICE})"),
                "serves GET /api/ingestion/decisions to service tokens, but the Ingress routes it");
    }

    @Test
    void serviceSelectorNoLongerMatchesTheDeployment() {
        expectOnlyAfterChange(ManifestChecks::selectors,
                () -> copy.replaceOnce("k8s/base/users-service/service.yaml", "  selector:\n    app.kubernetes.io/name: users-service",
                        "  selector:\n    app.kubernetes.io/name: user-service"),
                "Service users-service selector", "matches no workload's pods");
    }

    @Test
    void networkPolicyNamesALabelNoPodHas() {
        expectOnlyAfterChange(ManifestChecks::networkPolicies,
                () -> copy.replaceOnce("k8s/base/ingest-service/networkpolicy.yaml",
                        "app.kubernetes.io/name: ingestion-trigger", "app.kubernetes.io/name: ingestion-triger"),
                "no manifest creates such pods");
    }

    @Test
    void networkPolicyAdmitsAServiceThatHasNoBusinessWithInternal() {
        expectOnlyAfterChange(ManifestChecks::networkPolicies,
                () -> copy.replaceOnce("k8s/base/users-service/networkpolicy.yaml",
                        "              app.kubernetes.io/name: ingest-service", "              app.kubernetes.io/name: visibility-service"),
                "users-service: its NetworkPolicy admits visibility-service");
    }

    @Test
    void serviceUrlUsesAPortTheServiceDoesNotHave() {
        expectOnlyAfterChange(ManifestChecks::serviceUrls,
                () -> copy.replaceOnce("k8s/base/ingest-service/configmap.yaml", "http://users-service:8081", "http://users-service:8084"),
                "USERS_SERVICE_URL=http://users-service:8084", "listens on [8081]");
    }

    private void append(String relativePath, String line) {
        try {
            Path file = copy.root().resolve(relativePath);
            Files.writeString(file, Files.readString(file) + "\n" + line + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
