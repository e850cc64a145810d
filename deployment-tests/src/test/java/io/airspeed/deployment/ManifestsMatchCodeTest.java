package io.airspeed.deployment;

import io.airspeed.deployment.support.KustomizeTree;
import io.airspeed.deployment.support.ManifestChecks;
import io.airspeed.deployment.support.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest under k8s/ (base, overlay patches, generated objects, templates) agrees with the
 * code of the service it deploys, as read now: ports, health paths, environment variables,
 * selectors and labels, NetworkPolicies, the CronJob's request, URLs between services, and the
 * Ingress's routes. DriftDetectionTest shows each of these checks fails on a one-sided change.
 */
class ManifestsMatchCodeTest {

    private static ManifestChecks checks;

    @BeforeAll
    static void load() {
        Project project = Project.current();
        KustomizeTree tree = KustomizeTree.everything(project);
        assertThat(tree.problems()).as("manifests that do not parse cleanly").isEmpty();
        checks = new ManifestChecks(project, tree.manifests());
    }

    @Test
    void containerPortsAreTheServicesHttpPorts() {
        assertThat(checks.containerPorts()).isEmpty();
    }

    @Test
    void probesAskTheHealthPathsTheServicesServe() {
        assertThat(checks.probes()).isEmpty();
    }

    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() {
        assertThat(checks.environment()).isEmpty();
        // Not vacuous: the service configuration is really there and was looked at.
        assertThat(checks.environmentOf("ingest-service")).containsKeys(
                "DB_REACTIVE_URL", "DB_USERNAME", "USERS_SERVICE_URL", "INGEST_SCHEDULE_ENABLED", "INGEST_CREDENTIALS_KEY",
                "SMALLRYE_JWT_SIGN_KEY_LOCATION", "QUARKUS_OIDC_SERVICE_TOKEN_AUDIENCE");
        assertThat(checks.environmentOf("users-service")).containsKeys("DB_JDBC_URL", "QUARKUS_OIDC_PUBLIC_KEY",
                "QUARKUS_OIDC_SERVICE_PUBLIC_KEY", "QUARKUS_OIDC_SERVICE_TOKEN_ISSUER", "LOG_JSON");
    }

    @Test
    void selectorsAndLabelsFindTheirWorkloads() {
        assertThat(checks.selectors()).isEmpty();
    }

    @Test
    void networkPoliciesNameExistingPodsAndAdmitOnlyTheExpectedCallers() {
        assertThat(checks.networkPolicies()).isEmpty();
    }

    @Test
    void theCronJobCallsAnEndpointIngestServiceServes() {
        assertThat(checks.cronJobs()).isEmpty();
    }

    @Test
    void urlsBetweenServicesUseTheServicesPorts() {
        assertThat(checks.serviceUrls()).isEmpty();
    }

    @Test
    void theIngressRoutesEveryApiPathToTheServiceThatServesIt() {
        assertThat(checks.ingress()).isEmpty();
        assertThat(checks.code("ingest-service").endpoints()).as("endpoints read for ingest-service").isNotEmpty();
        // Not vacuous: the trigger and the run view are read as taking service tokens, so they are kept off the Ingress.
        assertThat(checks.code("ingest-service").serviceTokenEndpoints()).extracting(Object::toString)
                .contains("POST /api/ingestion/runs", "GET /api/ingestion/runs/{}");
    }
}
