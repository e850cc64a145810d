package io.airspeed.deployment;

import io.airspeed.deployment.support.Endpoint;
import io.airspeed.deployment.support.Project;
import io.airspeed.deployment.support.ServiceCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** What the checks read from the code is right: they are only as good as these facts. */
class CodeFactsTest {

    private final Project project = Project.current();

    @Test
    void readsEachServicesHttpPortAndHealthPathsFromItsConfiguration() {
        for (String service : Project.SERVICES) {
            ServiceCode code = ServiceCode.read(project, service);
            assertThat(code.httpPort()).as(service).isBetween(8081, 8083);
            assertThat(code.servesHealth()).as(service + " has quarkus-smallrye-health").isTrue();
            assertThat(code.healthPath("live")).isEqualTo("/q/health/live");
            assertThat(code.healthPath("ready")).isEqualTo("/q/health/ready");
            assertThat(code.healthPath("started")).isEqualTo("/q/health/started");
        }
        assertThat(ServiceCode.read(project, "users-service").httpPort()).isEqualTo(8081);
    }

    @Test
    void derivesIngestConfigPropertyNamesAsSmallRyeConfigMapsThem() {
        Set<String> mapped = ServiceCode.read(project, "ingest-service").mappedProperties();
        assertThat(mapped).contains(
                "ingest.aircall.base-url",
                "ingest.aircall.rate-limit-per-minute",
                "ingest.recording-grace",
                "ingest.rescan-overlap",
                "ingest.credentials-key",
                "ingest.schedule.enabled",
                "ingest.schedule.every",
                "ingest.runs.wait-timeout");
        // Groups are not properties themselves.
        assertThat(mapped).doesNotContain("ingest.aircall", "ingest.schedule", "ingest.runs");
    }

    @Test
    void readsConfigMappingGroupsWithNamesAndWrappersFromSourceText() {
        String source = """
                package x;
                /** prefix "ignored" in a comment: @ConfigMapping(prefix = "nope") */
                @ConfigMapping(prefix = "shop")
                public interface ShopConfig {
                    @WithDefault("https://example.com/a//b") // a URL with // in a string
                    String baseUrl();
                    @WithName("max-items") int maximumItemCount();
                    Optional<Payment> payment();
                    default String computed() { return "x"; }
                    interface Payment {
                        Duration retryAfterFailure();
                        Nested nested();
                        interface Nested { boolean enabled(); }
                    }
                }
                """;
        assertThat(io.airspeed.deployment.support.ConfigMappingScanner.scanSource(source)).containsExactlyInAnyOrder(
                "shop.base-url", "shop.max-items", "shop.payment.retry-after-failure", "shop.payment.nested.enabled");
    }

    @Test
    void scansJaxRsResourcesThroughAnnotationArraysAndStringsWithParentheses() {
        String source = """
                @Path("/api/things")
                @RolesAllowed({"admin", "member"})
                public class ThingResource {
                    private static final String X = "{not a body}";
                    @POST
                    @RolesAllowed({"service"})
                    @Operation(summary = "Starts (with wait=true waits); "
                            + "answers 202 {when still running}")
                    public Uni<Response> start(@QueryParam("wait") boolean wait, @QueryParam("limit") int limit) {
                        if (wait) { return null; }
                        return null;
                    }
                    @GET @Path("{id: [0-9]+}/parts/")
                    public Part part(@PathParam("id") long id) { return null; }
                    @Path("sub") public Object locator() { return null; }
                }
                """;
        assertThat(io.airspeed.deployment.support.JaxRsScanner.scanSource(source)).extracting(Endpoint::toString)
                .containsExactlyInAnyOrder("POST /api/things", "GET /api/things/{}/parts");
        assertThat(io.airspeed.deployment.support.JaxRsScanner.scanSource(source).get(0).queryParameters()).containsExactly("wait", "limit");
        String client = """
                @RegisterRestClient(configKey = "users")
                @Path("/internal/orgs")
                interface UsersApi { @GET @Path("/{id}/roster") Roster roster(@PathParam("id") String id); }
                """;
        assertThat(io.airspeed.deployment.support.JaxRsScanner.scanSource(client)).isEmpty();
    }

    @Test
    void mapsEnvironmentVariablesToPropertiesBothWays() {
        ServiceCode ingest = ServiceCode.read(project, "ingest-service");
        assertThat(ServiceCode.toEnv("ingest.aircall.rate-limit-per-minute")).isEqualTo("INGEST_AIRCALL_RATE_LIMIT_PER_MINUTE");
        assertThat(ingest.reasonItReads("INGEST_AIRCALL_RATE_LIMIT_PER_MINUTE")).isNotNull();
        assertThat(ingest.reasonItReads("INGEST_RUNS_WAIT_TIMEOUT")).isNotNull();
        assertThat(ingest.reasonItReads("DB_REACTIVE_URL")).contains("${DB_REACTIVE_URL}");
        assertThat(ingest.reasonItReads("QUARKUS_HTTP_CORS_ORIGINS")).contains("quarkus.http.cors.origins");
        assertThat(ingest.reasonItReads("SMALLRYE_JWT_SIGN_KEY_LOCATION")).isNotNull();
        assertThat(ingest.reasonItReads("INGEST_RECORDING_GRACE_PERIOD")).isNull();
        assertThat(ingest.reasonItReads("DB_URL")).isNull();
        // The allow-list needs the extension: visibility-service signs nothing (users-service signs its roster change deliveries).
        assertThat(ServiceCode.read(project, "users-service").reasonItReads("SMALLRYE_JWT_SIGN_KEY_LOCATION")).isNotNull();
        assertThat(ServiceCode.read(project, "visibility-service").reasonItReads("SMALLRYE_JWT_SIGN_KEY_LOCATION")).isNull();
    }

    @Test
    void findsTheEndpointsEachServiceServesAndNotTheOnesItCalls() {
        Set<String> ingest = names(ServiceCode.read(project, "ingest-service").endpoints());
        assertThat(ingest).contains("POST /api/ingestion/runs", "GET /api/ingestion/runs/{}", "PUT /api/integrations/aircall");
        // ingest-service's REST clients call these; it does not serve them. The one internal path it
        // serves is the roster-change feed users-service posts to (issue 12).
        assertThat(ingest).doesNotContain("GET /internal/orgs/{}/roster", "PUT /internal/orgs/{}/calls/{}")
                .filteredOn(e -> e.contains("/internal/")).containsExactly("POST /internal/orgs/{}/roster-changes");
        assertThat(ServiceCode.read(project, "ingest-service").endpoints())
                .filteredOn(e -> e.path().equals("/api/ingestion/runs") && e.method().equals("POST"))
                .singleElement().satisfies(e -> assertThat(e.queryParameters()).contains("wait"));
        assertThat(names(ServiceCode.read(project, "users-service").endpoints()))
                .contains("GET /internal/orgs/{}/roster", "GET /api/users/me", "DELETE /api/users/{}/aircall-identities/{}");
        assertThat(names(ServiceCode.read(project, "visibility-service").endpoints()))
                .contains("PUT /internal/orgs/{}/calls/{}", "PATCH /api/calls/{}/visibility");
    }

    @Test
    void sourceScanAgreesWithTheOpenApiDocumentWhereTheBuildWroteOne() {
        var withDocument = Project.SERVICES.stream().filter(s -> Files.isRegularFile(project.openApiDocument(s))).toList();
        assumeThat(withDocument)
                .as("no service has target/openapi/openapi.json yet (set quarkus.smallrye-openapi.store-schema-directory=target/openapi and build it)")
                .isNotEmpty();
        for (String service : withDocument) {
            Set<String> fromDocument = names(io.airspeed.deployment.support.OpenApiDocument.read(project.openApiDocument(service)));
            Set<String> fromSources = names(io.airspeed.deployment.support.JaxRsScanner.scan(project.javaSources(service)));
            assertThat(fromSources).as(service).isEqualTo(fromDocument.stream()
                    .filter(e -> e.contains(" /api/") || e.contains(" /internal/")).collect(Collectors.toSet()));
        }
    }

    private static Set<String> names(Set<Endpoint> endpoints) {
        return endpoints.stream().map(Endpoint::toString).collect(Collectors.toSet());
    }
}
