package dev.assent.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * What the benchmark contracts ({@link BenchmarkContract}, {@link ListBenchmarkContract}) share: the packaged server
 * jar, one run of the benchmark's own command line (the real server in its own process) with what it printed, and
 * reading the Markdown rows it wrote.
 */
final class BenchmarkRun {

    /** The exit code and everything the benchmark printed. */
    record Result(int exit, String output) {}

    private BenchmarkRun() {}

    /** The packaged server: {@code -Dassent.server.jar}, else the server module's {@code target/assent.jar}. */
    static Path serverJar() {
        Path jar = Path.of(System.getProperty("assent.server.jar", "../server/target/assent.jar"));
        assertThat(jar).as("the packaged server (built by the server module in this reactor)").isRegularFile();
        return jar;
    }

    /** Runs the benchmark against {@code jar}, its databases under {@code dataDir}, with {@code args} besides. */
    static Result run(Path jar, Path dataDir, String... args) {
        PushRoundTripBenchmark benchmark = new PushRoundTripBenchmark();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        benchmark.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of("--server-jar", jar.toString(), "--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        int exit = new CommandLine(benchmark).setCaseInsensitiveEnumValuesAllowed(true).execute(all.toArray(String[]::new));
        return new Result(exit, printed.toString(StandardCharsets.UTF_8));
    }

    /** The table rows of {@code markdown} whose first cell is {@code label}. */
    static List<String> rows(String markdown, String label) {
        return markdown.lines().filter(l -> l.startsWith("| " + label + " |")).toList();
    }

    /** A Markdown row's cells, trimmed, without the outer pipes. */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1, row.length() - 1).split("\\|")) {
            cells.add(cell.trim());
        }
        return cells;
    }

    /** The number in a cell such as {@code 1,234}, {@code 0.52 ms}, {@code 1.2 s}, {@code 280 MiB}; NaN when there is none. */
    static double number(String cell) {
        String digits = cell.replace(",", "").replaceAll("[^0-9.]+", " ").trim();
        if (digits.isEmpty() || digits.contains(" ")) {
            return Double.NaN;
        }
        return Double.parseDouble(digits);
    }
}
