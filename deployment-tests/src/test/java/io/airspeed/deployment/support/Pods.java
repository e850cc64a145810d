package io.airspeed.deployment.support;

import io.airspeed.deployment.cnpg.Cluster;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pods the manifests create, with their labels: what selectors and NetworkPolicies can name. */
public final class Pods {

    /** A workload's pods; {@code spec} is null for pods an operator creates (CloudNativePG instances). */
    public record PodSource(String kind, String name, Map<String, String> labels, PodSpec spec, Manifest manifest) {

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    private Pods() {
    }

    public static List<PodSource> of(List<Manifest> manifests) {
        List<PodSource> pods = new ArrayList<>();
        for (Manifest m : manifests) {
            if (m.patch()) {
                continue;
            }
            if (m.object() instanceof Deployment d && d.getSpec() != null) {
                add(pods, m, d.getSpec().getTemplate());
            } else if (m.object() instanceof StatefulSet s && s.getSpec() != null) {
                add(pods, m, s.getSpec().getTemplate());
            } else if (m.object() instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                    && c.getSpec().getJobTemplate().getSpec() != null) {
                add(pods, m, c.getSpec().getJobTemplate().getSpec().getTemplate());
            } else if (m.object() instanceof Cluster cluster) {
                // CloudNativePG labels every instance pod cnpg.io/cluster=<name>, plus spec.inheritedMetadata.labels.
                Map<String, String> labels = new LinkedHashMap<>();
                if (cluster.getSpec() != null && cluster.getSpec().inheritedMetadata != null
                        && cluster.getSpec().inheritedMetadata.labels != null) {
                    labels.putAll(cluster.getSpec().inheritedMetadata.labels);
                }
                labels.put("cnpg.io/cluster", m.name());
                pods.add(new PodSource(m.kind(), m.name(), labels, null, m));
            }
        }
        return pods;
    }

    private static void add(List<PodSource> pods, Manifest m, PodTemplateSpec template) {
        if (template == null) {
            return;
        }
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels();
        pods.add(new PodSource(m.kind(), m.name(), labels, template.getSpec(), m));
    }

    public static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty()
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** Kubernetes' label-selector semantics; an empty selector selects everything. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    public static boolean isEmpty(LabelSelector selector) {
        return selector == null
                || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }
}
