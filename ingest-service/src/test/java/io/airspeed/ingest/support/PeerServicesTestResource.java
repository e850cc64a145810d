package io.airspeed.ingest.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** users-service and visibility-service, stubbed by one WireMock server on a random port. */
public class PeerServicesTestResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer peers() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20));
            server.start();
        }
        String url = "http://localhost:" + server.port();
        return Map.of(
                "quarkus.rest-client.users-service.url", url,
                "quarkus.rest-client.visibility-service.url", url);
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; each test stubs its own org's paths.
    }
}
