package io.airspeed.deployment;

import io.airspeed.deployment.cnpg.Cluster;
import io.airspeed.deployment.support.KustomizeTree;
import io.airspeed.deployment.support.Manifest;
import io.airspeed.deployment.support.ManifestChecks;
import io.airspeed.deployment.support.Project;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment is shaped as issue #7 asks: hardened pods sized for native images, a
 * PodDisruptionBudget per service, autoscalers for the stateless API services only, the
 * ingestion CronJob's schedule, concurrency and deadlines, and a database per service
 * (CloudNativePG in prod, one instance in dev) that the services' settings really point at.
 */
class DeploymentShapeTest {

    private static final Project PROJECT = Project.current();
    private static final Quantity NATIVE_MEMORY_CEILING = new Quantity("512Mi");

    private static final Map<String, List<Manifest>> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Manifest> overlay(String name) {
        return load("overlays/" + name);
    }

    private static List<Manifest> base() {
        return load("base");
    }

    private static List<Manifest> load(String dir) {
        return LOADED.computeIfAbsent(dir, d -> {
            KustomizeTree tree = KustomizeTree.load(PROJECT, PROJECT.k8s().resolve(d));
            assertThat(tree.problems()).isEmpty();
            return tree.manifests();
        });
    }

    private static <T> Stream<T> objects(List<Manifest> manifests, Class<T> type) {
        return manifests.stream().filter(m -> !m.patch() && type.isInstance(m.object())).map(m -> type.cast(m.object()));
    }

    private static Deployment deployment(String service) {
        return objects(base(), Deployment.class).filter(d -> d.getMetadata().getName().equals(service)).findFirst().orElseThrow();
    }

    @Test
    void everyPodRunsNonRootOnAReadOnlyRootFilesystemWithNoCapabilities() {
        List<PodSpec> pods = new ArrayList<>();
        objects(overlay("dev"), Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        objects(overlay("dev"), StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
        objects(overlay("dev"), CronJob.class).forEach(c -> pods.add(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()));
        assertThat(pods).hasSize(5);
        for (PodSpec pod : pods) {
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            for (Container c : pod.getContainers()) {
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
                assertThat(c.getSecurityContext().getCapabilities().getAdd()).as(c.getName()).isNullOrEmpty();
                assertThat(c.getSecurityContext().getPrivileged()).as(c.getName()).isNotEqualTo(Boolean.TRUE);
                assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(c.getName()).containsKey("memory");
            }
        }
        for (String overlay : List.of("dev", "prod")) {
            assertThat(objects(overlay(overlay), Namespace.class)).singleElement()
                    .satisfies(ns -> assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"users-service", "ingest-service", "visibility-service"})
    void eachServiceIsSizedForANativeImageAndLoadsItsConfigMapAndSecret(String service) {
        Deployment d = deployment(service);
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        Quantity limit = c.getResources().getLimits().get("memory");
        assertThat(limit.getNumericalAmount()).as(service + " memory limit, native-sized")
                .isLessThanOrEqualTo(NATIVE_MEMORY_CEILING.getNumericalAmount());
        assertThat(c.getResources().getRequests().get("memory").getNumericalAmount()).isLessThanOrEqualTo(limit.getNumericalAmount());
        assertThat(c.getEnvFrom()).extracting(e -> e.getConfigMapRef() == null ? null : e.getConfigMapRef().getName())
                .contains(service + "-config");
        assertThat(c.getEnvFrom()).extracting(e -> e.getSecretRef() == null ? null : e.getSecretRef().getName())
                .contains(service + "-secrets");
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", service).containsEntry("app.kubernetes.io/part-of", "airspeed");
        // The read-only root filesystem leaves /tmp to a writable emptyDir.
        assertThat(c.getVolumeMounts()).filteredOn(m -> m.getMountPath().equals("/tmp")).singleElement()
                .satisfies(m -> assertThat(volume(d, m.getName()).getEmptyDir()).isNotNull());
    }

    /**
     * Every service verifies both issuers, each with its own public key (issue 10): user tokens
     * with airspeed-jwt-public-key, service tokens with airspeed-service-jwt-public-key; and its
     * ConfigMap names both issuers and the service audience.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"users-service", "ingest-service", "visibility-service"})
    void eachServiceVerifiesUserAndServiceTokensWithTheirOwnKeys(String service) {
        Container c = deployment(service).getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> keyFrom = new java.util.HashMap<>();
        c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null)
                .forEach(e -> keyFrom.put(e.getName(), e.getValueFrom().getConfigMapKeyRef().getName() + "/" + e.getValueFrom().getConfigMapKeyRef().getKey()));
        assertThat(keyFrom).containsEntry("QUARKUS_OIDC_PUBLIC_KEY", "airspeed-jwt-public-key/public.pem")
                .containsEntry("QUARKUS_OIDC_SERVICE_PUBLIC_KEY", "airspeed-service-jwt-public-key/public.pem");
        Map<String, String> config = objects(base(), ConfigMap.class)
                .filter(cm -> cm.getMetadata().getName().equals(service + "-config")).findFirst().orElseThrow().getData();
        assertThat(config).containsEntry("QUARKUS_OIDC_TOKEN_ISSUER", "airspeed")
                .containsEntry("QUARKUS_OIDC_SERVICE_TOKEN_ISSUER", "airspeed-services")
                .containsEntry("QUARKUS_OIDC_SERVICE_TOKEN_AUDIENCE", "airspeed-internal");
    }

    /**
     * Only the services that sign service tokens hold a private key: ingest-service (its calls to
     * the others) and users-service (the roster change feed, issue 12). Each holds the service
     * issuer's key, from its own Secret, mounted where SMALLRYE_JWT_SIGN_KEY_LOCATION says; no other
     * Secret volume reaches a service, and visibility-service holds none.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"users-service", "ingest-service", "visibility-service"})
    void onlyTheServicesThatSignServiceTokensHoldASigningKeyAndItIsTheServiceKey(String service) {
        Deployment d = deployment(service);
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> secretVolumes = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null || v.getProjected() != null).map(Volume::getName).toList();
        if (service.equals("visibility-service")) {
            assertThat(secretVolumes).as(service + " mounts no key").isEmpty();
            return;
        }
        Map<String, String> config = objects(base(), ConfigMap.class)
                .filter(cm -> cm.getMetadata().getName().equals(service + "-config")).findFirst().orElseThrow().getData();
        Path file = Path.of(config.get("SMALLRYE_JWT_SIGN_KEY_LOCATION"));
        VolumeMount mount = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(file.getParent().toString()))
                .findFirst().orElseThrow(() -> new AssertionError(service + ": nothing is mounted at " + file.getParent()));
        Volume volume = volume(d, mount.getName());
        assertThat(secretVolumes).containsExactly(volume.getName());
        assertThat(volume.getSecret().getSecretName()).isEqualTo(service + "-signing-key");
        assertThat(volume.getSecret().getItems()).extracting(i -> i.getPath()).containsExactly(file.getFileName().toString());
    }

    @Test
    void disruptionBudgetsForEveryServiceAutoscalersForTheStatelessApiServices() {
        assertThat(objects(base(), PodDisruptionBudget.class).map(p -> p.getMetadata().getName()))
                .containsExactlyInAnyOrderElementsOf(Project.SERVICES);
        assertThat(objects(base(), HorizontalPodAutoscaler.class).map(h -> h.getSpec().getScaleTargetRef().getName()))
                .containsExactlyInAnyOrder("users-service", "visibility-service");
        // An autoscaled Deployment leaves replicas to its autoscaler; ingest-service (long runs, leases) has a fixed count.
        assertThat(deployment("users-service").getSpec().getReplicas()).isNull();
        assertThat(deployment("visibility-service").getSpec().getReplicas()).isNull();
        assertThat(deployment("ingest-service").getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theIngestionCronJobRunsEveryFiveMinutesOneAtATimeWithinItsDeadlines() {
        CronJob cron = objects(base(), CronJob.class).collect(single());
        assertThat(cron.getSpec().getSchedule()).isEqualTo("*/5 * * * *");
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cron.getSpec().getStartingDeadlineSeconds()).isPositive();
        JobSpec job = cron.getSpec().getJobTemplate().getSpec();
        assertThat(job.getBackoffLimit()).isNotNull();
        assertThat(job.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        // An HTTP error (curl exit 22: 502 = a run failed) fails the Job at once.
        assertThat(job.getPodFailurePolicy().getRules()).anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailJob");
            assertThat(rule.getOnExitCodes().getValues()).containsExactly(22);
        });

        Container trigger = job.getTemplate().getSpec().getContainers().get(0);
        String script = String.join(" ", trigger.getArgs());
        assertThat(script).contains("--fail-with-body").doesNotContainPattern("Bearer\\s+ey");
        assertThat(trigger.getEnv()).singleElement().satisfies(env -> {
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ingestion-trigger-token");
            assertThat(script).contains("$" + env.getName());
        });

        // The server answers (at its wait limit) before curl gives up, and curl before the Job's deadline.
        Matcher maxTime = Pattern.compile("--max-time (\\d+)").matcher(script);
        assertThat(maxTime.find()).isTrue();
        long curlSeconds = Long.parseLong(maxTime.group(1));
        String waitSetting = objects(base(), ConfigMap.class).filter(cm -> cm.getMetadata().getName().equals("ingest-service-config"))
                .findFirst().orElseThrow().getData().get("INGEST_RUNS_WAIT_TIMEOUT");
        Duration serverWait = Duration.parse(waitSetting == null ? "PT50M" : waitSetting);
        assertThat(serverWait.toSeconds()).isLessThan(curlSeconds);
        assertThat(curlSeconds).isLessThan(job.getActiveDeadlineSeconds());
        // A trigger has always ended before the next is due (every 5 minutes): none is skipped by Forbid.
        assertThat(job.getActiveDeadlineSeconds()).isLessThan(Duration.ofMinutes(5).toSeconds());
        assertThat(new ManifestChecks(PROJECT, base()).code("ingest-service").reasonItReads("INGEST_RUNS_WAIT_TIMEOUT"))
                .as("the wait limit is a setting ingest-service reads").isNotNull();
        // The CronJob triggers; the in-process schedule stays off.
        assertThat(objects(base(), ConfigMap.class).filter(cm -> cm.getMetadata().getName().equals("ingest-service-config"))
                .findFirst().orElseThrow().getData()).containsEntry("INGEST_SCHEDULE_ENABLED", "false");
    }

    @Test
    void prodHasACloudNativePgClusterPerServiceAndEachServicePointsAtItsOwn() {
        List<Manifest> prod = overlay("prod");
        ManifestChecks checks = new ManifestChecks(PROJECT, prod);
        List<Cluster> clusters = objects(prod, Cluster.class).toList();
        assertThat(clusters).hasSize(Project.SERVICES.size());
        for (String service : Project.SERVICES) {
            String url = configValue(prod, service, "DB_REACTIVE_URL");
            Matcher m = Pattern.compile("postgresql://([a-z0-9-]+)-rw:5432/(\\w+)").matcher(url);
            assertThat(m.matches()).as(service + " DB_REACTIVE_URL " + url + " names a Cluster's -rw Service").isTrue();
            Cluster cluster = clusters.stream().filter(c -> c.getMetadata().getName().equals(m.group(1))).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " uses " + m.group(1) + ", which is no Cluster"));
            assertThat(cluster.getSpec().bootstrap.initdb.database).isEqualTo(m.group(2));
            assertThat(cluster.getSpec().instances).isGreaterThanOrEqualTo(2);
            assertThat(configValue(prod, service, "DB_JDBC_URL")).isEqualTo("jdbc:" + url);
            assertThat(secretOfDbUser(service)).isEqualTo(cluster.getMetadata().getName() + "-app");
        }
        assertThat(checks.environment()).isEmpty();
        assertThat(clusters).extracting(c -> c.getMetadata().getName()).doesNotHaveDuplicates();
    }

    @Test
    void devHasOnePostgresInstanceThatCreatesEveryServicesDatabase() {
        List<Manifest> dev = overlay("dev");
        StatefulSet postgres = objects(dev, StatefulSet.class).collect(single());
        assertThat(postgres.getSpec().getReplicas()).isEqualTo(1);
        String init = objects(dev, ConfigMap.class).filter(cm -> cm.getMetadata().getName().equals("postgres-init"))
                .findFirst().orElseThrow().getData().values().iterator().next();
        Set<String> postgresEnv = Set.copyOf(postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .map(e -> e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null ? "" : e.getValueFrom().getSecretKeyRef().getName())
                .toList());
        for (String service : Project.SERVICES) {
            String url = configValue(dev, service, "DB_REACTIVE_URL");
            Matcher m = Pattern.compile("postgresql://postgres:5432/(\\w+)").matcher(url);
            assertThat(m.matches()).as(service + " DB_REACTIVE_URL " + url).isTrue();
            assertThat(init).as("the init script creates database " + m.group(1)).containsPattern("create " + m.group(1) + " ");
            // The service logs in with the same Secret the init script created its role from.
            assertThat(postgresEnv).contains(secretOfDbUser(service));
        }
        assertThat(objects(dev, Cluster.class)).isEmpty();
    }

    private static String configValue(List<Manifest> manifests, String service, String key) {
        return manifests.stream().filter(m -> m.object() instanceof ConfigMap cm && m.name().equals(service + "-config")
                        && cm.getData() != null && cm.getData().containsKey(key))
                .map(m -> ((ConfigMap) m.object()).getData().get(key)).reduce((a, b) -> b).orElseThrow();
    }

    private static String secretOfDbUser(String service) {
        return deployment(service).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("DB_USERNAME")).findFirst().orElseThrow()
                .getValueFrom().getSecretKeyRef().getName();
    }

    private static Volume volume(Deployment d, String name) {
        return d.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static <T> java.util.stream.Collector<T, ?, T> single() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }
}
