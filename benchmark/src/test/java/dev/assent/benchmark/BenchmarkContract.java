package dev.assent.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the smallest bounded benchmark end to end: the real packaged server jar in its own process on
 * 127.0.0.1, a fresh database, every phase for a moment, and {@code --markdown} into a README copy.
 * Checks the table has every row, with a positive number in every cell; no timing is asserted.
 */
abstract class BenchmarkContract {

    private static final List<String> REQUEST_ROWS = List.of("`GET /healthz` (ceiling)", "`GET /v2/Services/{VA}`",
            "device `GET …/Challenges/{YC}`", "device fetch, open loop at", "`POST …/Challenges` (create, durable)",
            "push round trip");
    private static final List<String> MEASURE_ROWS = List.of("bare ES256 verifications/s", "create / `/healthz`",
            "device fetch / ES256 ceiling", "round trip / ES256 ceiling", "open-loop p99", "start of the jar to first 200",
            "server RSS after load");

    @TempDir
    Path temp;

    abstract String database();

    abstract String label();

    @Test
    void smallestBenchmarkWritesEveryRowWithPositiveNumbers() throws Exception {
        Path jar = Path.of(System.getProperty("assent.server.jar", "../server/target/assent.jar"));
        assertThat(jar).as("the packaged server (built by the server module in this reactor)").isRegularFile();
        Path readme = temp.resolve("README.md");
        Files.writeString(readme, "# Title\n\nbefore\n" + ReadmeTable.BEGIN + "\nold table\n" + ReadmeTable.END + "\nafter\n");

        PushRoundTripBenchmark benchmark = new PushRoundTripBenchmark();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        benchmark.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(benchmark).setCaseInsensitiveEnumValuesAllowed(true).execute(
                "--database", database(), "--duration", "1s", "--warmup", "300ms", "--clients", "2",
                "--max-requests", "20000", "--server-jar", jar.toString(), "--data-dir", temp.resolve("runs").toString(),
                "--markdown", "--readme", readme.toString());
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();

        String text = Files.readString(readme);
        assertThat(text).startsWith("# Title\n\nbefore\n" + ReadmeTable.BEGIN).endsWith(ReadmeTable.END + "\nafter\n")
                .doesNotContain("old table");
        List<String> rows = text.lines().filter(l -> l.startsWith("| " + label() + " |")).toList();
        for (String row : REQUEST_ROWS) {
            List<String> cells = rowStartingWith(rows, row);
            // req/s, p50, p99, p99.9, server CPU per request, server cores busy, vs /healthz
            assertThat(cells).as(row).hasSize(9);
            for (String cell : cells.subList(2, 9)) {
                assertThat(number(cell)).as(row + ": " + cell).isPositive();
            }
        }
        for (String row : MEASURE_ROWS) {
            List<String> cells = rowStartingWith(rows, row);
            assertThat(cells).as(row).hasSize(4);
            assertThat(number(cells.get(2))).as(row + ": " + cells.get(2)).isPositive();
        }
        // The server's own CPU: the load generator's is not counted as the server's.
        assertThat(output).contains("server pid");
        // Started as users start it: through the product's launcher.
        assertThat(output).contains("launched by " + jar.toAbsolutePath().normalize().getParent().getParent().getParent()
                .resolve("bin").resolve("assent-java"));
    }

    private static List<String> rowStartingWith(List<String> rows, String start) {
        for (String row : rows) {
            String[] cells = row.substring(1, row.length() - 1).split("\\|");
            List<String> trimmed = new ArrayList<>();
            for (String cell : cells) {
                trimmed.add(cell.trim());
            }
            if (trimmed.get(1).startsWith(start)) {
                return trimmed;
            }
        }
        throw new AssertionError("no row " + start + " in " + rows);
    }

    /** The number in a cell such as {@code 1,234}, {@code 0.52 ms}, {@code 1.2 s}, {@code 280 MiB}; NaN when there is none. */
    private static double number(String cell) {
        String digits = cell.replace(",", "").replaceAll("[^0-9.]+", " ").trim();
        if (digits.isEmpty() || digits.contains(" ")) {
            return Double.NaN;
        }
        return Double.parseDouble(digits);
    }
}
