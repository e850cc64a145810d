package io.airspeed.users.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * ingest-service and visibility-service, the receivers of the roster change feed, stubbed by one
 * WireMock server each on a random port. Every org's changes are accepted unless a test stubs
 * its own org's path otherwise (at a higher priority): the other tests' changes drain quietly.
 */
public class PeerServicesTestResource implements QuarkusTestResourceLifecycleManager {

    /** Below every stub a test adds (WireMock's default priority is 5; 1 wins). */
    public static final int CATCH_ALL_PRIORITY = 10;

    private static WireMockServer ingest;
    private static WireMockServer visibility;

    public static WireMockServer ingest() {
        return ingest;
    }

    public static WireMockServer visibility() {
        return visibility;
    }

    @Override
    public Map<String, String> start() {
        if (ingest == null) {
            ingest = started();
            visibility = started();
        }
        return Map.of(
                "quarkus.rest-client.ingest-service.url", "http://localhost:" + ingest.port(),
                "quarkus.rest-client.visibility-service.url", "http://localhost:" + visibility.port());
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20));
        server.start();
        server.stubFor(post(urlPathMatching("/internal/orgs/[^/]+/roster-changes")).atPriority(CATCH_ALL_PRIORITY)
                .willReturn(aResponse().withStatus(204)));
        return server;
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; each test stubs its own org's path.
    }
}
