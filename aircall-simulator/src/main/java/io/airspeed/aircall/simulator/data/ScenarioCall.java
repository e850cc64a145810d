package io.airspeed.aircall.simulator.data;

/**
 * A data-set call named by the scenario it stands for, the ingestion rule it exercises and what
 * Airspeed is expected to decide for it, so system tests and reports can name their calls.
 */
public record ScenarioCall(long callId, String scenario, String rule, String expectedOutcome) {
}
