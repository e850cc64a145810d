package io.airspeed.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What the figures were measured on: they mean little without it. */
record Machine(String date, int cores, String cpu, long memoryGiB, String os, String jvm, String loadAverage) {

    static Machine describe() {
        return new Machine(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), cpuModel(), totalMemoryGiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), currentLoadAverage());
    }

    /**
     * The commit the figures measure, and whether the checkout differs from it: a figure names
     * the code it came from, or says it came from uncommitted code.
     */
    static String commit(Path root) {
        String head = git(root, "rev-parse", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not a git checkout)";
        }
        String changes = git(root, "status", "--porcelain", "--untracked-files=no");
        return head + (changes.isEmpty() ? " (clean checkout)" : " WITH UNCOMMITTED CHANGES");
    }

    private static String git(Path root, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static String currentLoadAverage() {
        List<String> fields = List.of(read("/proc/loadavg").split("\\s+"));
        return fields.size() >= 3 ? String.join(" ", fields.subList(0, 3)) : "unknown";
    }

    private static String cpuModel() {
        return read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
    }

    private static long totalMemoryGiB() {
        return read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / (1024 * 1024)).orElse(0L);
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return "";
        }
    }
}
