package io.airspeed.deployment.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository as the checks see it: {@code k8s/} and, per service module, its pom,
 * application.properties, Java sources and (when built) its OpenAPI document and quarkus-app.
 * A copy of the same layout under another root lets a test change one side and re-run a check.
 */
public record Project(Path root) {

    /** The three deployable services: module directory = Deployment name = Service name. */
    public static final List<String> SERVICES = List.of("users-service", "ingest-service", "visibility-service");

    /** The repository this test runs in (the module's parent directory). */
    public static Project current() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("k8s")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No directory with k8s/ and pom.xml above " + Path.of("").toAbsolutePath());
        }
        return new Project(dir);
    }

    public Path k8s() {
        return root.resolve("k8s");
    }

    public Path module(String service) {
        return root.resolve(service);
    }

    public Path applicationProperties(String service) {
        return module(service).resolve("src/main/resources/application.properties");
    }

    public Path javaSources(String service) {
        return module(service).resolve("src/main/java");
    }

    public Path pom(String service) {
        return module(service).resolve("pom.xml");
    }

    /** Written by the build when the service sets quarkus.smallrye-openapi.store-schema-directory=target/openapi. */
    public Path openApiDocument(String service) {
        return module(service).resolve("target/openapi/openapi.json");
    }

    public Path quarkusApp(String service) {
        return module(service).resolve("target/quarkus-app");
    }

    public Path dockerfile(String service, String variant) {
        return module(service).resolve("src/main/docker/Dockerfile." + variant);
    }

    public String relative(Path path) {
        return root.relativize(path.toAbsolutePath()).toString().replace('\\', '/');
    }

    /** Copies what the checks read (not target/quarkus-app) to {@code target}, for tests that change one side. */
    public Project copyTo(Path target) {
        copyTree(k8s(), target.resolve("k8s"));
        copyTree(root.resolve("dev/jwt"), target.resolve("dev/jwt"));
        copyFile(root.resolve("pom.xml"), target.resolve("pom.xml"));
        for (String service : SERVICES) {
            Path from = module(service);
            Path to = target.resolve(service);
            copyFile(from.resolve("pom.xml"), to.resolve("pom.xml"));
            copyFile(from.resolve("src/main/resources/application.properties"), to.resolve("src/main/resources/application.properties"));
            copyTree(from.resolve("src/main/java"), to.resolve("src/main/java"));
            copyTree(from.resolve("src/main/docker"), to.resolve("src/main/docker"));
            copyTree(from.resolve("target/openapi"), to.resolve("target/openapi"));
        }
        return new Project(target);
    }

    private static void copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                copyFile(file, to.resolve(from.relativize(file).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyFile(Path from, Path to) {
        if (!Files.isRegularFile(from)) {
            return;
        }
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces exactly one occurrence of {@code from} in a file of this project (a test's one-sided change). */
    public void replaceOnce(String relativePath, String from, String to) {
        Path file = root.resolve(relativePath);
        try {
            String text = Files.readString(file);
            int at = text.indexOf(from);
            if (at < 0 || text.indexOf(from, at + 1) >= 0) {
                throw new IllegalArgumentException("Expected exactly one '" + from + "' in " + relativePath);
            }
            Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
