package io.airspeed.objectstorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3-compatible server (Adobe's S3Mock, its runnable jar) as a child process on loopback,
 * with one bucket. It speaks path-style S3 over plain HTTP, multipart uploads included, and checks
 * no signature: any access key works. Not for production, where the services take any S3 endpoint.
 */
public final class ObjectStorageServer implements AutoCloseable {

    /** Overrides where the runnable jar is (the build records the path Maven resolved). */
    public static final String JAR_ENV = "AIRSPEED_S3MOCK_JAR";
    public static final String REGION = "us-east-1";
    /** S3Mock accepts any credentials; these are what the services are given. */
    public static final String ACCESS_KEY_ID = "airspeed-local";
    public static final String SECRET_ACCESS_KEY = "airspeed-local-secret";
    /** The bucket of {@link #shared()}. */
    public static final String SHARED_BUCKET = "airspeed-recordings";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static ObjectStorageServer shared;

    private final Process process;
    private final URI endpoint;
    private final String bucket;
    private final Path directory;

    private ObjectStorageServer(Process process, URI endpoint, String bucket, Path directory) {
        this.process = process;
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.directory = directory;
    }

    /**
     * One server for the whole JVM (tests), started on first use and stopped when the JVM exits;
     * its files live in a temporary directory that goes with it.
     */
    public static synchronized ObjectStorageServer shared() {
        if (shared == null) {
            try {
                Path directory = Files.createTempDirectory("airspeed-object-storage");
                shared = start(SHARED_BUCKET, directory);
                ObjectStorageServer server = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    deleteQuietly(directory);
                }, "object-storage-server-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * Starts a server whose objects live under {@code directory/data} (kept after it stops) and
     * whose output goes to {@code directory/s3mock.log}; returns once the bucket answers.
     */
    public static ObjectStorageServer start(String bucket, Path directory) throws IOException {
        Path data = Files.createDirectories(directory.resolve("data"));
        Path log = directory.resolve("s3mock.log");
        int httpPort = freePort();
        List<String> command = List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar().toString(),
                "--com.adobe.testing.s3mock.http-port=" + httpPort,
                // S3Mock always opens a TLS port too; give it a free one so that two servers never collide.
                "--server.port=" + freePort(),
                "--server.address=127.0.0.1",
                "--com.adobe.testing.s3mock.store.root=" + data,
                "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
                "--com.adobe.testing.s3mock.store.initial-buckets=" + bucket,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ObjectStorageServer server = new ObjectStorageServer(process, URI.create("http://127.0.0.1:" + httpPort), bucket,
                directory);
        server.awaitBucket(log);
        return server;
    }

    /** {@code http://127.0.0.1:port}: the S3 endpoint, path-style. */
    public URI endpoint() {
        return endpoint;
    }

    public String bucket() {
        return bucket;
    }

    public Path directory() {
        return directory;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitBucket(Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest head = HttpRequest.newBuilder(endpoint.resolve("/" + bucket)).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("S3Mock exited with " + process.exitValue() + " before serving; its output:\n" + tail(log));
            }
            try {
                if (http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IOException("Interrupted while S3Mock was starting", e);
            }
            sleep();
        }
        close();
        throw new IOException("S3Mock did not serve bucket " + bucket + " within " + START_TIMEOUT + "; its output:\n" + tail(log));
    }

    /** The runnable jar: {@link #JAR_ENV}, else the path the build recorded. */
    static Path jar() throws IOException {
        String configured = System.getenv(JAR_ENV);
        if (configured == null || configured.isBlank()) {
            Properties recorded = new Properties();
            try (InputStream in = ObjectStorageServer.class.getResourceAsStream("/object-storage-server.properties")) {
                if (in == null) {
                    throw new IOException("object-storage-server.properties is missing from the classpath");
                }
                recorded.load(in);
            }
            configured = recorded.getProperty("s3mock.jar");
        }
        Path jar = Path.of(configured);
        if (!Files.isRegularFile(jar)) {
            throw new IOException("S3Mock's runnable jar is not at " + jar + "; build the object-storage-server module (mvn package)"
                    + " or set " + JAR_ENV);
        }
        return jar;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory: the OS cleans what is left.
        }
    }
}
