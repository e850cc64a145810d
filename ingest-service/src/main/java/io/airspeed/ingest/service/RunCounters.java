package io.airspeed.ingest.service;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.airspeed.ingest.rules.Decision;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;

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

    public long of(Outcome outcome) {
        return outcomes.getOrDefault(outcome.name(), 0L);
    }

    public long of(Reason reason) {
        return reasons.getOrDefault(reason.name(), 0L);
    }
}
