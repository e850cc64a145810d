package io.airspeed.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The figures as they come, printed at once (a long run shows progress) and as one table at the end. */
final class Results {

    private record Row(String part, String metric, String value, String note) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String part, String metric, String value, String note) {
        rows.add(new Row(part, metric, value, note));
        System.out.printf("  -> %s | %s | %s%s%n", part, metric, value, note.isEmpty() ? "" : " (" + note + ")");
    }

    /**
     * A figure next to its goal: the floor (at least, when {@code higherIsBetter}) or ceiling, and
     * figure / goal, so a reader sees at once how far each goal is. Printed, never asserted.
     */
    void goal(String part, String metric, double figure, double goal, String unit, boolean higherIsBetter) {
        boolean met = higherIsBetter ? figure >= goal : figure <= goal;
        String u = unit.isEmpty() ? "" : " " + unit;
        add(part, metric, format(figure) + u, String.format("goal %s %s%s; figure / goal = %.2f; %s",
                higherIsBetter ? ">=" : "<=", format(goal), u, figure / goal, met ? "met" : "NOT met"));
    }

    String table(Machine machine, String commit, String loadAfter, String configuration) {
        StringBuilder out = new StringBuilder();
        out.append("Commit ").append(commit).append('\n');
        out.append("Measured ").append(machine.date()).append(" on ").append(machine.cores()).append(" cores (")
                .append(machine.cpu()).append("), ").append(machine.memoryGiB()).append(" GiB, ").append(machine.os())
                .append(", ").append(machine.jvm()).append("; load average before: ").append(machine.loadAverage())
                .append(", after: ").append(loadAfter)
                .append('\n').append(configuration).append("\n\n");
        out.append("| part | metric | value | note |\n|---|---|---|---|\n");
        rows.forEach(r -> out.append("| ").append(r.part()).append(" | ").append(r.metric()).append(" | ")
                .append(r.value()).append(" | ").append(r.note()).append(" |\n"));
        return out.toString();
    }

    void write(Path file, String table) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String format(double value) {
        return value >= 100 ? String.format("%,.0f", value) : String.format("%,.2f", value);
    }
}
