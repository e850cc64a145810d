package io.airspeed.deployment;

import io.airspeed.deployment.support.Project;
import io.airspeed.deployment.support.ServiceCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The images' Dockerfiles (src/main/docker/ of each service) follow Quarkus' conventions and fit
 * the manifests: exposed port = quarkus.http.port, a numeric non-root USER (runAsNonRoot), pinned
 * base images, and for the JVM image, COPY sources the build really produces under
 * target/quarkus-app/. No image is built here (no container engine on these machines).
 */
class DockerfilesTest {

    private static final Project PROJECT = Project.current();
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+(\\S+)\\s*$");

    static Stream<String> services() {
        return Project.SERVICES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void bothDockerfilesExposeTheServicePortAndRunAsANumericNonRootUser(String service) throws IOException {
        int port = ServiceCode.read(PROJECT, service).httpPort();
        for (String variant : List.of("jvm", "native-micro")) {
            String dockerfile = Files.readString(PROJECT.dockerfile(service, variant));
            String where = service + " Dockerfile." + variant;
            assertThat(single(dockerfile, "(?m)^EXPOSE\\s+(\\d+)\\s*$")).as(where + " EXPOSE").isEqualTo(String.valueOf(port));
            assertThat(single(dockerfile, "(?m)^USER\\s+(\\S+)\\s*$")).as(where + " USER").matches("[1-9][0-9]*");
            List<String> froms = all(dockerfile, "(?m)^FROM\\s+(\\S+)");
            assertThat(froms).as(where + " FROM").isNotEmpty();
            for (String from : froms) {
                assertThat(from).as(where + " FROM, pinned").matches(".+/[^/:]+:[\\w.-]+").doesNotEndWith(":latest");
            }
            assertThat(dockerfile).as(where + " binds all interfaces in the container").contains("-Dquarkus.http.host=0.0.0.0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theJvmImageCopiesTheFastJarLayoutAsUser185(String service) throws IOException {
        String dockerfile = Files.readString(PROJECT.dockerfile(service, "jvm"));
        assertThat(copies(dockerfile)).extracting(c -> c[0] + " -> " + c[1]).containsExactly(
                "target/quarkus-app/lib/ -> /deployments/lib/",
                "target/quarkus-app/*.jar -> /deployments/",
                "target/quarkus-app/app/ -> /deployments/app/",
                "target/quarkus-app/quarkus/ -> /deployments/quarkus/");
        assertThat(dockerfile).contains("USER 185", "--chown=185", "JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theJvmImageRunsWithTheShippedFlags(String service) throws IOException {
        String dockerfile = Files.readString(PROJECT.dockerfile(service, "jvm"));
        List<String> shipped = Files.readAllLines(PROJECT.root().resolve("local-stack/src/main/resources/service-jvm.options"))
                .stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> image = new ArrayList<>();
        image.addAll(List.of(single(dockerfile, "(?m)^ENV GC_CONTAINER_OPTIONS=\"([^\"]*)\"").split("\\s+")));
        image.addAll(List.of(single(dockerfile, "(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"").split("\\s+")));
        image.removeIf(flag -> flag.startsWith("-D"));
        assertThat(image).as(service + " Dockerfile.jvm's JVM flags vs the shipped ones").containsExactlyInAnyOrderElementsOf(shipped);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theJvmImageCopiesOnlyWhatTheBuildProduced(String service) throws IOException {
        Path module = PROJECT.module(service);
        assumeThat(Files.isDirectory(PROJECT.quarkusApp(service)))
                .as(service + " was not built here (no " + PROJECT.relative(PROJECT.quarkusApp(service))
                        + "); the full reactor build (mvn verify from the root) builds it before this module")
                .isTrue();
        String dockerfile = Files.readString(PROJECT.dockerfile(service, "jvm"));
        for (String[] copy : copies(dockerfile)) {
            List<Path> matched = glob(module, copy[0]);
            assertThat(matched).as(service + ": COPY " + copy[0] + " matches what the build wrote").isNotEmpty();
            for (Path path : matched) {
                if (Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.list(path)) {
                        assertThat(files.count()).as(PROJECT.relative(path) + " is not empty").isPositive();
                    }
                }
            }
        }
        assertThat(PROJECT.quarkusApp(service).resolve("quarkus-run.jar")).as("JAVA_APP_JAR's file").isRegularFile();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theNativeImageIsBuiltFromTheNativeSourcesInAMandrelStage(String service) throws IOException {
        String dockerfile = Files.readString(PROJECT.dockerfile(service, "native-micro"));
        assertThat(copies(dockerfile)).extracting(c -> c[0] + " -> " + c[1]).containsExactly(
                "target/native-sources/ -> /build/", "/build/*-runner -> /work/application");
        assertThat(dockerfile).contains("RUN native-image $(cat native-image.args)", "COPY --from=build ",
                "USER 1001", "ENTRYPOINT [\"./application\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theNativeSourcesTheBuilderStageCopiesWereWrittenForItsMandrel(String service) throws IOException {
        Path sources = PROJECT.module(service).resolve("target/native-sources");
        assumeThat(Files.isDirectory(sources))
                .as(service + " was not built here (no " + PROJECT.relative(sources)
                        + "); the full reactor build (mvn verify from the root) writes it before this module")
                .isTrue();
        String args = Files.readString(sources.resolve("native-image.args"));
        List<Path> runnerJars = glob(sources, "*-runner.jar");
        assertThat(runnerJars).as(service + " native sources' runner jar").hasSize(1);
        assertThat(args).as("native-image.args builds that jar").contains(runnerJars.get(0).getFileName().toString());
        assertThat(glob(sources, "lib")).as("its libraries").isNotEmpty();
        String graalvm = Files.readString(sources.resolve("graalvm.version")).trim();
        String builder = single(Files.readString(PROJECT.dockerfile(service, "native-micro")),
                "(?m)^FROM\\s+\\S+/ubi9-quarkus-mandrel-builder-image:jdk-(\\d+)\\s+AS build");
        assertThat(graalvm).as("the GraalVM version Quarkus built the sources for, vs the builder's JDK " + builder)
                .startsWith(builder + ".");
    }

    private static List<String[]> copies(String dockerfile) {
        List<String[]> copies = new ArrayList<>();
        Matcher m = COPY.matcher(dockerfile);
        while (m.find()) {
            copies.add(new String[] {m.group(1), m.group(2)});
        }
        return copies;
    }

    private static List<Path> glob(Path base, String pattern) throws IOException {
        Path parent = base.resolve(pattern).getParent();
        String last = Path.of(pattern).getFileName().toString();
        if (!last.contains("*")) {
            Path path = base.resolve(pattern);
            return Files.exists(path) ? List.of(path) : List.of();
        }
        List<Path> matched = new ArrayList<>();
        if (Files.isDirectory(parent)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, last)) {
                stream.forEach(matched::add);
            }
        }
        return matched;
    }

    private static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String single(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("a line matching " + regex).isTrue();
        String value = m.group(1);
        assertThat(m.find()).as("only one line matching " + regex).isFalse();
        return value;
    }
}
