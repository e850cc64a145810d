package io.airspeed.ingest.support;

import io.airspeed.aircall.simulator.AircallSimulator;
import io.airspeed.aircall.simulator.ratelimit.RateLimit;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** The project's Aircall simulator, embedded on a random port; each test adds its own company. */
public class AircallSimulatorTestResource implements QuarkusTestResourceLifecycleManager {

    private static AircallSimulator simulator;

    public static AircallSimulator simulator() {
        return simulator;
    }

    @Override
    public Map<String, String> start() {
        if (simulator == null) {
            simulator = AircallSimulator.builder().port(0).defaultRateLimit(RateLimit.UNLIMITED).start();
        }
        return Map.of("ingest.aircall.base-url", simulator.baseUrl());
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM.
    }
}
