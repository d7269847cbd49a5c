package dev.assent.benchmark;

import static dev.assent.benchmark.BenchmarkRun.number;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the smallest bounded benchmark end to end: the real packaged server jar in its own process on
 * 127.0.0.1, a fresh database, every phase for a moment, and {@code --markdown} into a README copy.
 * Checks the table has every row, with a positive number in every cell and what limited each phase, and
 * that {@code --jfr} profiled the real server process in every phase; no timing is asserted.
 */
abstract class BenchmarkContract {

    private static final List<String> REQUEST_ROWS = List.of("`GET /healthz` (ceiling)", "`GET /v2/Services/{VA}`",
            "device `GET …/Challenges/{YC}`", "device fetch, open loop at", "`POST …/Challenges` (create, durable)",
            "`POST …/Challenges` (create), open loop at", "push round trip");
    private static final List<String> MEASURE_ROWS = List.of("bare ES256 verifications/s", "create / `/healthz`",
            "device fetch / ES256 ceiling", "round trip / ES256 ceiling", "open-loop p99", "open-loop create p99",
            "start of the jar to first 200", "server RSS after load");
    private static final List<String> LIMITS = List.of("server CPU", "**load generator CPU**", "**other load on the machine**",
            "**waits (disk, locks)**", "offered rate");

    @TempDir
    Path temp;

    abstract String database();

    abstract String label();

    @Test
    void smallestBenchmarkWritesEveryRowWithPositiveNumbers() throws Exception {
        Path jar = BenchmarkRun.serverJar();
        Path readme = temp.resolve("README.md");
        Files.writeString(readme, "# Title\n\nbefore\n" + ReadmeTable.BEGIN + "\nold table\n" + ReadmeTable.END + "\nbetween\n"
                + ReadmeTable.PROFILE_BEGIN + "\nold profile\n" + ReadmeTable.PROFILE_END + "\nafter\n");
        Path recordings = temp.resolve("jfr");

        BenchmarkRun.Result run = BenchmarkRun.run(jar, temp.resolve("runs"),
                "--database", database(), "--duration", "1s", "--warmup", "300ms", "--clients", "2",
                "--max-requests", "20000", "--markdown", "--readme", readme.toString(), "--jfr", "--jfr-dir", recordings.toString());
        String output = run.output();
        assertThat(run.exit()).as(output).isZero();

        String text = Files.readString(readme);
        assertThat(text).startsWith("# Title\n\nbefore\n" + ReadmeTable.BEGIN).endsWith(ReadmeTable.PROFILE_END + "\nafter\n")
                .contains(ReadmeTable.END + "\nbetween\n" + ReadmeTable.PROFILE_BEGIN)
                .doesNotContain("old table").doesNotContain("old profile");
        List<String> rows = BenchmarkRun.rows(text, label());
        for (String row : REQUEST_ROWS) {
            List<String> cells = rowStartingWith(rows, row);
            // req/s, p50, p99, p99.9, server CPU per request, server cores busy, limit, vs /healthz
            assertThat(cells).as(row).hasSize(10);
            for (String cell : cells.subList(2, 8)) {
                assertThat(number(cell)).as(row + ": " + cell).isPositive();
            }
            assertThat(cells.get(8)).as(row + ": limit").isIn(LIMITS.stream()
                    .flatMap(l -> java.util.stream.Stream.of(l, l.replace("**", "") + ", behind schedule", "**" + l.replace("**", "") + ", behind schedule**"))
                    .toList());
            assertThat(number(cells.get(9))).as(row + ": vs /healthz").isPositive();
        }
        // Both open loops ran at half their closed-loop peak.
        assertHalf(rowStartingWith(rows, "device fetch, open loop at"), rowStartingWith(rows, "device `GET …/Challenges/{YC}`"));
        assertHalf(rowStartingWith(rows, "`POST …/Challenges` (create), open loop at"),
                rowStartingWith(rows, "`POST …/Challenges` (create, durable)"));
        assertProfiles(text.substring(text.indexOf(ReadmeTable.PROFILE_BEGIN), text.indexOf(ReadmeTable.PROFILE_END)), recordings);
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

    /**
     * One profile per phase, each a non-empty top-frames table of real samples (shares in order, at most 100 %),
     * read from a JFR recording kept on disk.
     */
    private void assertProfiles(String profiles, Path recordings) throws Exception {
        for (String phase : REQUEST_ROWS) {
            String heading = "**" + label() + ", " + phase;
            int at = profiles.indexOf(heading);
            assertThat(at).as("profile of " + phase + " in\n" + profiles).isNotNegative();
            int next = profiles.indexOf("\n**", at + 1);
            List<String> section = profiles.substring(at, next < 0 ? profiles.length() : next).lines().toList();
            String samples = section.get(0).replaceAll(".*top frames of ([0-9,]+) JFR execution samples.*", "$1");
            assertThat(number(samples)).as(section.get(0)).isPositive();
            List<String> frames = section.stream().filter(l -> l.matches("\\| [0-9]+ \\| `.+` \\| .*")).toList();
            assertThat(frames).as(phase + " top frames").isNotEmpty().hasSizeLessThanOrEqualTo(ServerProfile.TOP);
            double previous = 100;
            double total = 0;
            for (String frame : frames) {
                List<String> cells = List.of(frame.substring(1, frame.length() - 1).split("\\|")).stream().map(String::trim).toList();
                assertThat(cells.get(1)).as(frame).matches("`[\\w$.<>/-]+\\.[\\w$<>-]+`");
                double share = number(cells.get(3));
                assertThat(share).as(frame).isPositive().isLessThanOrEqualTo(previous);
                previous = share;
                total += share;
            }
            assertThat(total).as(phase + ": shares of the samples").isLessThanOrEqualTo(100.5);
        }
        try (var files = Files.list(recordings)) {
            List<Path> kept = files.filter(f -> f.toString().endsWith(".jfr")).toList();
            assertThat(kept).as("one recording per phase").hasSize(REQUEST_ROWS.size());
            for (Path recording : kept) {
                assertThat(ServerProfiler.read(recording).samples()).as(recording.toString()).isPositive();
            }
        }
    }

    /** The open loop's offered rate is half the closed-loop rate (both rounded to whole requests per second). */
    private static void assertHalf(List<String> openLoop, List<String> closedLoop) {
        double half = number(closedLoop.get(2)) / 2;
        assertThat(rate(openLoop.get(1))).as(openLoop.get(1)).isCloseTo(half, org.assertj.core.data.Offset.offset(Math.max(1, half / 100)));
    }

    /** The rate in a row label such as {@code device fetch, open loop at 1,234/s}. */
    private static double rate(String label) {
        return number(label.replaceAll(".* at ([0-9,]+)/s.*", "$1"));
    }

    private static List<String> rowStartingWith(List<String> rows, String start) {
        for (String row : rows) {
            List<String> cells = BenchmarkRun.cells(row);
            if (cells.get(1).startsWith(start)) {
                return cells;
            }
        }
        throw new AssertionError("no row " + start + " in " + rows);
    }
}
