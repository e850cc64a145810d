package io.airspeed.deployment.support;

import io.airspeed.deployment.support.Pods.PodSource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The manifests checked against the code. Each check returns what it found wrong, one readable
 * line per mismatch naming both sides; an empty list means the two agree. The checks read the
 * code's side at call time (application.properties, @ConfigMapping sources, the OpenAPI document
 * or JAX-RS sources), so a change on either side alone shows up here.
 */
public final class ManifestChecks {

    private static final Pattern URL = Pattern.compile("https?://([A-Za-z0-9.-]+)(?::(\\d+))?(/[^\\s'\"?]*)?(?:\\?([^\\s'\"]*))?");
    private static final Pattern METHOD = Pattern.compile("(?:--request[ =]|-X\\s*)([A-Z]+)");
    private static final Pattern CONFIG_URL = Pattern.compile("(?:https?|postgresql|jdbc:postgresql)://([a-z0-9-]+)(?::(\\d+))?");

    private final Project project;
    private final List<Manifest> manifests;
    private final List<PodSource> pods;
    private final Map<String, ServiceCode> code = new HashMap<>();

    public ManifestChecks(Project project, List<Manifest> manifests) {
        this.project = project;
        this.manifests = manifests;
        this.pods = Pods.of(manifests);
    }

    public ServiceCode code(String service) {
        return code.computeIfAbsent(service, s -> ServiceCode.read(project, s));
    }

    public List<String> all() {
        List<String> all = new ArrayList<>();
        all.addAll(containerPorts());
        all.addAll(probes());
        all.addAll(environment());
        all.addAll(selectors());
        all.addAll(networkPolicies());
        all.addAll(cronJobs());
        all.addAll(serviceUrls());
        all.addAll(ingress());
        return all;
    }

    // ---------------------------------------------------------------------------------- ports

    /** Every container port of a service equals the port its application.properties sets. */
    public List<String> containerPorts() {
        List<String> problems = new ArrayList<>();
        for (Manifest m : serviceDeployments()) {
            ServiceCode service = code(m.name());
            for (Container c : serviceContainers(m, problems)) {
                boolean hasHttp = false;
                for (ContainerPort port : list(c.getPorts())) {
                    int expected = "http".equals(port.getName()) ? service.httpPort() : service.healthPort();
                    hasHttp |= "http".equals(port.getName());
                    if (port.getContainerPort() == null || port.getContainerPort() != expected) {
                        problems.add(m.origin() + ": container " + c.getName() + " port " + port.getName() + "="
                                + port.getContainerPort() + ", but " + project.relative(service.propertiesFile())
                                + " makes the service listen on " + expected + " (quarkus.http.port)");
                    }
                }
                if (!m.patch() && !hasHttp) {
                    problems.add(m.origin() + ": container " + c.getName() + " declares no port named http");
                }
            }
        }
        return problems;
    }

    // --------------------------------------------------------------------------------- probes

    /** Startup, liveness and readiness probes ask the health paths quarkus-smallrye-health serves, on its port. */
    public List<String> probes() {
        List<String> problems = new ArrayList<>();
        for (Manifest m : serviceDeployments()) {
            ServiceCode service = code(m.name());
            for (Container c : serviceContainers(m, problems)) {
                Map<String, Probe> probes = new LinkedHashMap<>();
                probes.put("started", c.getStartupProbe());
                probes.put("live", c.getLivenessProbe());
                probes.put("ready", c.getReadinessProbe());
                for (Map.Entry<String, Probe> entry : probes.entrySet()) {
                    Probe probe = entry.getValue();
                    String kind = entry.getKey();
                    if (probe == null) {
                        if (!m.patch()) {
                            problems.add(m.origin() + ": container " + c.getName() + " has no probe on " + service.healthPath(kind));
                        }
                        continue;
                    }
                    if (!service.servesHealth()) {
                        problems.add(m.origin() + ": probes " + m.name() + ", whose pom has no quarkus-smallrye-health");
                    }
                    if (probe.getHttpGet() == null) {
                        problems.add(m.origin() + ": the " + kind + " probe of " + c.getName() + " is not an HTTP GET on " + service.healthPath(kind));
                        continue;
                    }
                    String path = probe.getHttpGet().getPath();
                    if (!service.healthPath(kind).equals(path)) {
                        problems.add(m.origin() + ": the " + kind + " probe of " + c.getName() + " asks " + path + ", but "
                                + m.name() + " serves its " + kind + " health on " + service.healthPath(kind));
                    }
                    Integer port = resolvePort(probe.getHttpGet().getPort(), c);
                    if (port != null && port != service.healthPort()) {
                        problems.add(m.origin() + ": the " + kind + " probe of " + c.getName() + " uses port " + port + ", but "
                                + m.name() + " serves health on " + service.healthPort());
                    }
                }
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------------------- environment

    /** Every environment variable given to a service is one it reads. */
    public List<String> environment() {
        List<String> problems = new ArrayList<>();
        for (String service : Project.SERVICES) {
            for (Map.Entry<String, String> env : environmentOf(service).entrySet()) {
                if (code(service).reasonItReads(env.getKey()) == null) {
                    problems.add(env.getValue() + ": sets " + env.getKey() + ", which " + service
                            + " does not read (no key or ${...} placeholder in " + project.relative(code(service).propertiesFile())
                            + ", no @ConfigMapping property, no allow-listed standard property maps to it)");
                }
            }
        }
        return problems;
    }

    /** Environment variable → where it is set, for one service (its ConfigMap, Secret, Deployment env and envFrom sources). */
    public Map<String, String> environmentOf(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        Set<String> configMaps = new LinkedHashSet<>(List.of(service + "-config"));
        Set<String> secrets = new LinkedHashSet<>(List.of(service + "-secrets"));
        for (Manifest m : manifests) {
            if (m.object() instanceof Deployment && service.equals(m.name())) {
                for (Container c : serviceContainers(m, new ArrayList<>())) {
                    list(c.getEnv()).forEach(e -> env.putIfAbsent(e.getName(), m.origin() + " (env of " + c.getName() + ")"));
                    for (EnvFromSource from : list(c.getEnvFrom())) {
                        if (from.getConfigMapRef() != null) {
                            configMaps.add(from.getConfigMapRef().getName());
                        }
                        if (from.getSecretRef() != null) {
                            secrets.add(from.getSecretRef().getName());
                        }
                    }
                }
            }
        }
        for (Manifest m : manifests) {
            if (m.object() instanceof ConfigMap cm && configMaps.contains(m.name())) {
                keys(cm.getData()).forEach(key -> env.putIfAbsent(key, m.origin() + " (ConfigMap " + m.name() + ")"));
            }
            if (m.object() instanceof Secret s && secrets.contains(m.name())) {
                keys(s.getData()).forEach(key -> env.putIfAbsent(key, m.origin() + " (Secret " + m.name() + ")"));
                keys(s.getStringData()).forEach(key -> env.putIfAbsent(key, m.origin() + " (Secret " + m.name() + ")"));
            }
        }
        return env;
    }

    // ------------------------------------------------------------------------------ selectors

    /** Workload selectors match their templates; Services, PodDisruptionBudgets and autoscalers find their workloads. */
    public List<String> selectors() {
        List<String> problems = new ArrayList<>();
        for (PodSource pod : pods) {
            if (pod.manifest().object() instanceof Deployment d && !Pods.matches(d.getSpec().getSelector(), pod.labels())) {
                problems.add(pod.manifest().origin() + ": Deployment " + pod.name() + "'s selector does not match its pod labels " + pod.labels());
            }
            if (pod.manifest().object() instanceof StatefulSet s && !Pods.matches(s.getSpec().getSelector(), pod.labels())) {
                problems.add(pod.manifest().origin() + ": StatefulSet " + pod.name() + "'s selector does not match its pod labels " + pod.labels());
            }
            if (pod.spec() != null && !"airspeed".equals(pod.labels().get("app.kubernetes.io/part-of"))) {
                problems.add(pod.manifest().origin() + ": " + pod + "'s pods lack app.kubernetes.io/part-of: airspeed");
            }
        }
        for (Manifest m : nonPatches(Service.class)) {
            Service s = m.as(Service.class);
            List<PodSource> selected = pods.stream().filter(p -> p.spec() != null && Pods.matches(s.getSpec().getSelector(), p.labels())).toList();
            if (selected.size() != 1) {
                problems.add(m.origin() + ": Service " + m.name() + " selector " + s.getSpec().getSelector() + " matches "
                        + (selected.isEmpty() ? "no workload's pods" : "several workloads: " + selected));
                continue;
            }
            for (ServicePort port : list(s.getSpec().getPorts())) {
                if (resolveTargetPort(port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort(), selected.get(0)) == null) {
                    problems.add(m.origin() + ": Service " + m.name() + " port " + port.getName() + " targets "
                            + describe(port.getTargetPort()) + ", which " + selected.get(0) + " does not declare");
                }
            }
        }
        for (Manifest m : nonPatches(PodDisruptionBudget.class)) {
            PodDisruptionBudget pdb = m.as(PodDisruptionBudget.class);
            if (pods.stream().noneMatch(p -> p.spec() != null && Pods.matches(pdb.getSpec().getSelector(), p.labels()))) {
                problems.add(m.origin() + ": PodDisruptionBudget " + m.name() + " selects no workload's pods");
            }
        }
        for (Manifest m : nonPatches(HorizontalPodAutoscaler.class)) {
            var target = m.as(HorizontalPodAutoscaler.class).getSpec().getScaleTargetRef();
            boolean found = nonPatches(Deployment.class).stream().anyMatch(d -> d.name().equals(target.getName()))
                    && "Deployment".equals(target.getKind());
            if (!found) {
                problems.add(m.origin() + ": HorizontalPodAutoscaler " + m.name() + " scales " + target.getKind() + " " + target.getName() + ", which does not exist");
            }
        }
        return problems;
    }

    // ----------------------------------------------------------------------- network policies

    /**
     * NetworkPolicies name pods that exist and ports those pods declare; each service is isolated;
     * inside the namespace a service is reached only by the services configured to call it and by
     * the CronJob's pods it is called by, and from outside only a named set of pods
     * (the Ingress controller) reaches /api/**.
     */
    public List<String> networkPolicies() {
        List<String> problems = new ArrayList<>();
        List<Manifest> policies = nonPatches(NetworkPolicy.class);
        for (Manifest m : policies) {
            NetworkPolicy policy = m.as(NetworkPolicy.class);
            List<PodSource> targets = selected(policy.getSpec().getPodSelector());
            if (targets.isEmpty()) {
                problems.add(m.origin() + ": NetworkPolicy " + m.name() + " podSelector " + describe(policy.getSpec().getPodSelector()) + " selects no pod");
            }
            for (NetworkPolicyIngressRule rule : list(policy.getSpec().getIngress())) {
                for (NetworkPolicyPeer peer : list(rule.getFrom())) {
                    if (peer.getNamespaceSelector() == null && peer.getIpBlock() == null && selected(peer.getPodSelector()).isEmpty()) {
                        problems.add(m.origin() + ": NetworkPolicy " + m.name() + " allows pods " + describe(peer.getPodSelector())
                                + ", but no manifest creates such pods");
                    }
                }
                for (NetworkPolicyPort port : list(rule.getPorts())) {
                    if (port.getPort() != null && port.getPort().getStrVal() != null) {
                        for (PodSource target : targets) {
                            if (target.spec() != null && resolveTargetPort(port.getPort(), target) == null) {
                                problems.add(m.origin() + ": NetworkPolicy " + m.name() + " opens port " + port.getPort().getStrVal()
                                        + ", which " + target + " does not declare");
                            }
                        }
                    }
                }
            }
        }
        for (String service : Project.SERVICES) {
            Optional<PodSource> pod = pods.stream().filter(p -> p.kind().equals("Deployment") && p.name().equals(service)).findFirst();
            if (pod.isEmpty()) {
                continue;
            }
            List<Manifest> guarding = policies.stream()
                    .filter(p -> Pods.matches(p.as(NetworkPolicy.class).getSpec().getPodSelector(), pod.get().labels())).toList();
            if (guarding.isEmpty()) {
                problems.add(service + ": no NetworkPolicy selects its pods, so every pod in the cluster may call it");
                continue;
            }
            Set<String> expected = expectedCallers(service);
            Set<String> allowed = new TreeSet<>();
            for (Manifest m : guarding) {
                for (NetworkPolicyIngressRule rule : list(m.as(NetworkPolicy.class).getSpec().getIngress())) {
                    if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                        problems.add(m.origin() + ": NetworkPolicy " + m.name() + " has an ingress rule with no 'from': it admits every source to " + service);
                    }
                    for (NetworkPolicyPeer peer : list(rule.getFrom())) {
                        if (peer.getIpBlock() != null || (peer.getNamespaceSelector() != null && Pods.isEmpty(peer.getPodSelector()))) {
                            problems.add(m.origin() + ": NetworkPolicy " + m.name() + " admits a whole network or namespace to " + service
                                    + "; only the Ingress controller's pods may reach /api/**");
                        } else if (peer.getNamespaceSelector() == null) {
                            selected(peer.getPodSelector()).forEach(p -> allowed.add(p.name()));
                        }
                    }
                }
            }
            for (String caller : allowed) {
                if (!expected.contains(caller)) {
                    problems.add(service + ": its NetworkPolicy admits " + caller + ", but only " + expected
                            + " call it inside the namespace (per their ConfigMaps' URLs; /api/** is for the Ingress)");
                }
            }
            for (String caller : expected) {
                if (!allowed.contains(caller)) {
                    problems.add(service + ": its NetworkPolicy does not admit " + caller + ", which calls it");
                }
            }
        }
        return problems;
    }

    /**
     * The services whose ConfigMap names this one's URL (they call it: ingest-service the others'
     * /internal/**, users-service the receivers of its roster change feed), and the workloads whose
     * CronJob URL names it.
     */
    private Set<String> expectedCallers(String service) {
        Set<String> callers = new TreeSet<>();
        for (Manifest m : manifests) {
            if (m.object() instanceof ConfigMap cm && cm.getData() != null && !m.patch()) {
                String owner = Project.SERVICES.stream().filter(s -> m.name().equals(s + "-config")).findFirst().orElse(null);
                if (owner == null || owner.equals(service)) {
                    continue;
                }
                for (String value : cm.getData().values()) {
                    Matcher url = CONFIG_URL.matcher(value);
                    while (url.find()) {
                        serviceModule(url.group(1)).filter(service::equals).ifPresent(s -> callers.add(owner));
                    }
                }
            }
        }
        for (Manifest m : nonPatches(CronJob.class)) {
            for (Call call : calls(m)) {
                serviceModule(call.host()).filter(service::equals).ifPresent(s -> callers.add(m.name()));
            }
        }
        return callers;
    }

    // ------------------------------------------------------------------------------- CronJobs

    record Call(String host, Integer port, String method, String path, Set<String> query) {
    }

    /** Each CronJob's request goes to a Service on its port, and the method and path (and query) exist in that service's API. */
    public List<String> cronJobs() {
        List<String> problems = new ArrayList<>();
        for (Manifest m : nonPatches(CronJob.class)) {
            List<Call> calls = calls(m);
            if (calls.isEmpty()) {
                problems.add(m.origin() + ": CronJob " + m.name() + " calls no URL");
            }
            for (Call call : calls) {
                Optional<Manifest> service = nonPatches(Service.class).stream().filter(s -> s.name().equals(call.host())).findFirst();
                if (service.isEmpty()) {
                    problems.add(m.origin() + ": CronJob " + m.name() + " calls host " + call.host() + ", which is no Service here");
                    continue;
                }
                int port = call.port() == null ? 80 : call.port();
                if (list(service.get().as(Service.class).getSpec().getPorts()).stream().noneMatch(p -> p.getPort() == port)) {
                    problems.add(m.origin() + ": CronJob " + m.name() + " calls " + call.host() + ":" + port + ", but Service "
                            + call.host() + " listens on " + list(service.get().as(Service.class).getSpec().getPorts()).stream().map(ServicePort::getPort).toList());
                }
                Optional<String> module = serviceModule(call.host());
                if (module.isEmpty()) {
                    continue;
                }
                ServiceCode target = code(module.get());
                Optional<Endpoint> endpoint = target.endpoints().stream().filter(e -> e.matches(call.method(), call.path())).findFirst();
                if (endpoint.isEmpty()) {
                    problems.add(m.origin() + ": CronJob " + m.name() + " calls " + call.method() + " " + call.path() + ", which "
                            + module.get() + " does not serve (per " + target.endpointSource() + ": "
                            + target.endpoints().stream().filter(e -> e.path().equals(Endpoint.normalizePath(call.path()))).toList() + ")");
                } else if (!endpoint.get().queryParameters().containsAll(call.query())) {
                    problems.add(m.origin() + ": CronJob " + m.name() + " passes query parameters " + call.query() + ", but "
                            + endpoint.get() + " of " + module.get() + " declares only " + endpoint.get().queryParameters());
                }
            }
        }
        return problems;
    }

    List<Call> calls(Manifest cronJob) {
        List<Call> calls = new ArrayList<>();
        var template = cronJob.as(CronJob.class).getSpec().getJobTemplate().getSpec().getTemplate();
        for (Container c : list(template.getSpec().getContainers())) {
            String commandLine = String.join(" ", list(c.getCommand())) + " " + String.join(" ", list(c.getArgs()));
            Matcher method = METHOD.matcher(commandLine);
            String verb = method.find() ? method.group(1) : "GET";
            Matcher url = URL.matcher(commandLine);
            while (url.find()) {
                String host = url.group(1).split("\\.")[0];
                Set<String> query = new LinkedHashSet<>();
                if (url.group(4) != null) {
                    for (String pair : url.group(4).split("&")) {
                        query.add(pair.split("=")[0]);
                    }
                }
                calls.add(new Call(host, url.group(2) == null ? null : Integer.valueOf(url.group(2)), verb,
                        url.group(3) == null ? "/" : url.group(3), query));
            }
        }
        return calls;
    }

    // ---------------------------------------------------------------------------- service URLs

    /** A URL in a ConfigMap that names one of our Services uses that Service's port. */
    public List<String> serviceUrls() {
        List<String> problems = new ArrayList<>();
        Map<String, List<Integer>> servicePorts = new HashMap<>();
        for (Manifest s : nonPatches(Service.class)) {
            servicePorts.put(s.name(), list(s.as(Service.class).getSpec().getPorts()).stream().map(ServicePort::getPort).toList());
        }
        for (Manifest m : manifests) {
            if (m.object() instanceof ConfigMap cm && cm.getData() != null) {
                cm.getData().forEach((key, value) -> {
                    Matcher url = CONFIG_URL.matcher(value);
                    while (url.find()) {
                        List<Integer> ports = servicePorts.get(url.group(1));
                        if (ports != null && url.group(2) != null && !ports.contains(Integer.valueOf(url.group(2)))) {
                            problems.add(m.origin() + ": " + key + "=" + value + " uses port " + url.group(2) + ", but Service "
                                    + url.group(1) + " listens on " + ports);
                        }
                    }
                });
            }
        }
        return problems;
    }

    // -------------------------------------------------------------------------------- Ingress

    /**
     * The Ingress routes only /api/** paths; each path reaches a Service (on a port it has) whose
     * service serves something under it; every /api/** endpoint that admits service tokens (the
     * ingestion trigger and run view) is routed nowhere, so the internet cannot reach it; and every
     * other /api/** endpoint of every service is routed to that service (by the longest matching
     * prefix, as Kubernetes does).
     */
    public List<String> ingress() {
        List<String> problems = new ArrayList<>();
        List<Manifest> ingresses = nonPatches(Ingress.class);
        Map<String, String> prefixToService = new LinkedHashMap<>();
        for (Manifest m : ingresses) {
            for (IngressRule rule : list(m.as(Ingress.class).getSpec().getRules())) {
                if (rule.getHttp() == null) {
                    continue;
                }
                for (HTTPIngressPath path : list(rule.getHttp().getPaths())) {
                    String p = path.getPath();
                    String backend = path.getBackend().getService() == null ? null : path.getBackend().getService().getName();
                    if (p == null || !(p.equals("/api") || p.startsWith("/api/"))) {
                        problems.add(m.origin() + ": Ingress " + m.name() + " routes " + p + ", outside /api/** (only /api is public)");
                    }
                    Optional<Manifest> service = nonPatches(Service.class).stream().filter(s -> s.name().equals(backend)).findFirst();
                    if (service.isEmpty()) {
                        problems.add(m.origin() + ": Ingress " + m.name() + " routes " + p + " to " + backend + ", which is no Service here");
                        continue;
                    }
                    var port = path.getBackend().getService().getPort();
                    boolean portExists = list(service.get().as(Service.class).getSpec().getPorts()).stream()
                            .anyMatch(sp -> port != null && (port.getName() != null ? port.getName().equals(sp.getName())
                                    : port.getNumber() != null && port.getNumber().equals(sp.getPort())));
                    if (!portExists) {
                        problems.add(m.origin() + ": Ingress " + m.name() + " routes " + p + " to a port Service " + backend + " does not have");
                    }
                    Optional<String> module = serviceModule(backend);
                    if (module.isEmpty()) {
                        problems.add(m.origin() + ": Ingress " + m.name() + " routes " + p + " to " + backend + ", which is none of " + Project.SERVICES);
                        continue;
                    }
                    boolean exact = "Exact".equals(path.getPathType());
                    boolean served = code(module.get()).endpoints().stream()
                            .anyMatch(e -> exact ? e.path().equals(Endpoint.normalizePath(p)) : e.isUnderPrefix(p));
                    if (!served) {
                        problems.add(m.origin() + ": Ingress " + m.name() + " routes " + p + " to " + backend + ", which serves nothing there (per "
                                + code(module.get()).endpointSource() + ")");
                    }
                    prefixToService.put(Endpoint.normalizePath(p), backend);
                }
            }
        }
        if (ingresses.isEmpty()) {
            return problems;
        }
        for (String service : Project.SERVICES) {
            for (Endpoint endpoint : code(service).endpoints()) {
                if (!endpoint.path().startsWith("/api/")) {
                    continue;
                }
                String best = prefixToService.keySet().stream().filter(endpoint::isUnderPrefix)
                        .max(java.util.Comparator.comparingInt(String::length)).orElse(null);
                String routedTo = best == null ? null : prefixToService.get(best);
                boolean takesServiceTokens = code(service).serviceTokenEndpoints().stream()
                        .anyMatch(e -> e.method().equals(endpoint.method()) && e.path().equals(endpoint.path()));
                if (takesServiceTokens) {
                    if (routedTo != null) {
                        problems.add(service + " serves " + endpoint + " to service tokens, but the Ingress routes it to "
                                + routedTo + " (prefix " + best + "): only the cluster may reach it");
                    }
                    continue;
                }
                if (routedTo == null || !serviceModule(routedTo).map(service::equals).orElse(false)) {
                    problems.add(service + " serves " + endpoint + ", but the Ingress routes it "
                            + (routedTo == null ? "nowhere" : "to " + routedTo + " (prefix " + best + ")"));
                }
            }
        }
        return problems;
    }

    // -------------------------------------------------------------------------------- helpers

    private List<Manifest> serviceDeployments() {
        return manifests.stream().filter(m -> m.object() instanceof Deployment && Project.SERVICES.contains(m.name())).toList();
    }

    private List<Container> serviceContainers(Manifest deployment, List<String> problems) {
        Deployment d = deployment.as(Deployment.class);
        if (d.getSpec() == null || d.getSpec().getTemplate() == null || d.getSpec().getTemplate().getSpec() == null) {
            return List.of();
        }
        List<Container> containers = list(d.getSpec().getTemplate().getSpec().getContainers()).stream()
                .filter(c -> deployment.name().equals(c.getName())).toList();
        if (containers.isEmpty() && !deployment.patch()) {
            problems.add(deployment.origin() + ": Deployment " + deployment.name() + " has no container named " + deployment.name());
        }
        return containers;
    }

    private List<Manifest> nonPatches(Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> type) {
        return manifests.stream().filter(m -> !m.patch() && type.isInstance(m.object())).toList();
    }

    private List<PodSource> selected(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        return pods.stream().filter(p -> Pods.matches(selector, p.labels())).toList();
    }

    /** The service module behind a Service name: the service Deployment its selector picks. */
    private Optional<String> serviceModule(String serviceName) {
        return nonPatches(Service.class).stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .flatMap(s -> pods.stream()
                        .filter(p -> p.kind().equals("Deployment") && Project.SERVICES.contains(p.name()))
                        .filter(p -> Pods.matches(s.as(Service.class).getSpec().getSelector(), p.labels()))
                        .map(PodSource::name).findFirst());
    }

    private static Integer resolvePort(IntOrString port, Container c) {
        if (port == null) {
            return null;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return list(c.getPorts()).stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    private static Integer resolveTargetPort(IntOrString port, PodSource pod) {
        for (Container c : list(pod.spec().getContainers())) {
            for (ContainerPort p : list(c.getPorts())) {
                if (port.getIntVal() != null ? port.getIntVal().equals(p.getContainerPort()) : port.getStrVal().equals(p.getName())) {
                    return p.getContainerPort();
                }
            }
        }
        return null;
    }

    private static String describe(IntOrString port) {
        return port == null ? "(none)" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    private static String describe(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        if (selector == null) {
            return "{}";
        }
        return (selector.getMatchLabels() == null ? "" : selector.getMatchLabels().toString())
                + (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty() ? ""
                : selector.getMatchExpressions().stream().map(r -> r.getKey() + " " + r.getOperator() + " " + r.getValues())
                .collect(Collectors.joining(", ", "[", "]")));
    }

    private static Set<String> keys(Map<String, String> map) {
        return map == null ? Set.of() : map.keySet();
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
