package io.airspeed.ingest.service;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.airspeed.ingest.rules.Decision;

import java.util.Map;
import java.util.TreeMap;

/** Decisions a run made, per outcome and per primary reason. */
@RegisterForReflection
public record RunCounters(Map<String, Long> outcomes, Map<String, Long> reasons) {

    public static RunCounters empty() {
        return new RunCounters(new TreeMap<>(), new TreeMap<>());
    }

    public void add(Decision decision) {
        outcomes.merge(decision.outcome().name(), 1L, Long::sum);
        if (decision.primaryReason() != null) {
            reasons.merge(decision.primaryReason().name(), 1L, Long::sum);
        }
    }
}
