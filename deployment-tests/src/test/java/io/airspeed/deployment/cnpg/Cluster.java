package io.airspeed.deployment.cnpg;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudNativePG's {@code Cluster} (postgresql.cnpg.io/v1), typed for the fields our manifests
 * use, after the operator's API reference. Anything else lands in {@code additionalProperties},
 * which the manifest tests report as an unknown field: add a field here only after checking the
 * CloudNativePG API reference.
 */
@Group("postgresql.cnpg.io")
@Version("v1")
@Kind("Cluster")
public class Cluster extends CustomResource<Cluster.Spec, Void> implements Namespaced {

    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    @JsonAnySetter
    public void setAdditionalProperty(String name, Object value) {
        additionalProperties.put(name, value);
    }

    public Map<String, Object> getAdditionalProperties() {
        return additionalProperties;
    }

    /** Collects unknown fields, so that the tests see them. */
    public abstract static class Strict {
        private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

        @JsonAnySetter
        public void setAdditionalProperty(String name, Object value) {
            additionalProperties.put(name, value);
        }

        public Map<String, Object> getAdditionalProperties() {
            return additionalProperties;
        }
    }

    public static class Spec extends Strict {
        public Integer instances;
        public String imageName;
        public String primaryUpdateStrategy;
        public Bootstrap bootstrap;
        public Storage storage;
        public ResourceRequirements resources;
        public InheritedMetadata inheritedMetadata;
        public Boolean enablePDB;
    }

    public static class Bootstrap extends Strict {
        public InitDb initdb;
    }

    public static class InitDb extends Strict {
        public String database;
        public String owner;
        public LocalObjectReference secret;
    }

    public static class LocalObjectReference extends Strict {
        public String name;
    }

    public static class Storage extends Strict {
        public String size;
        public String storageClass;
    }

    public static class InheritedMetadata extends Strict {
        public Map<String, String> labels;
        public Map<String, String> annotations;
    }
}
