package io.airspeed.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service run as a child process ({@code java -jar quarkus-run.jar}, prod
 * profile, everything passed by environment), its output appended to a log file. It can be
 * stopped (SIGTERM), killed (SIGKILL) and started again with the same environment, which is what
 * the crash tests need.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final List<String> javaOptions;
    private final Path logFile;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Process process;
    private Instant launchedAt;
    private Duration timeToReady;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> environment, List<String> javaOptions,
                          Path logFile) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment.putAll(environment);
        this.javaOptions = List.copyOf(javaOptions);
        this.logFile = logFile;
    }

    /** Launches the process without waiting for it to be ready. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar + " is missing. "
                    + "Build it from the repository root with: mvn -DskipTests install");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // The caller's environment goes through, so any documented setting can be given to ./run.sh.
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "%n===== %s started at %s on port %d =====%n".formatted(name, Instant.now(), port),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            launchedAt = Instant.now();
            timeToReady = null;
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early, with the log's tail, if the process dies. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        URI ready = URI.create(baseUrl() + "/q/health/ready");
        while (true) {
            Process running;
            synchronized (this) {
                running = process;
            }
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException(name + " exited" + (running == null ? "" : " with code " + running.exitValue())
                        + " before it was ready. Last lines of " + logFile + ":\n" + logTail(40));
            }
            if (answersReady(ready)) {
                synchronized (this) {
                    timeToReady = Duration.between(launchedAt, Instant.now());
                }
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s. Last lines of "
                        + logFile + ":\n" + logTail(40));
            }
            sleep(POLL);
        }
    }

    public void startAndAwaitReady(Duration timeout) {
        start();
        awaitReady(timeout);
    }

    /** SIGKILL: the process gets no chance to finish anything, as in a node crash or an OOM kill. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(process, Duration.ofSeconds(30));
        }
    }

    /** SIGTERM and a graceful shutdown; SIGKILL if it takes longer than 30 s. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitForExit(process, Duration.ofSeconds(30))) {
                process.destroyForcibly();
                waitForExit(process, Duration.ofSeconds(10));
            }
        }
    }

    /** Starts again after a stop or a kill, with the same environment plus these changes. */
    public synchronized void changeEnvironment(Map<String, String> changes) {
        environment.putAll(changes);
    }

    /** Completes when the current process ends, however it ends. */
    public synchronized CompletableFuture<Process> onExit() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.onExit();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /** The process's resident memory (VmRSS), in KiB; empty where /proc is not available. */
    public OptionalLong residentMemoryKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** From launch to the first 200 of the readiness probe, for the last start. */
    public synchronized Duration timeToReady() {
        return timeToReady;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of the log, to put in an error message. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    private static boolean answersReady(URI ready) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a service", e);
        }
    }

    private static boolean waitForExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a service", e);
        }
    }
}
