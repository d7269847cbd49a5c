package dev.assent.benchmark;

import static dev.assent.benchmark.BenchmarkRun.number;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./assent bench --lists} end to end at small sizes (1,000 and 20,000): the real packaged server
 * in its own process on 127.0.0.1, rows seeded into its database while it runs, every request kind
 * timed on both scopes, every answer checked by the benchmark (a full page, the filter's status), and
 * {@code --markdown} into a README copy. Asserts each row is there with positive latencies and a
 * ratio, and that the seeding reached the database (the benchmark counts the rows itself and refuses a
 * mismatch); no timing is asserted.
 */
abstract class ListBenchmarkContract {

    private static final List<String> REQUESTS = List.of("first page", "deep page (`PageToken`)", "`Status=pending`",
            "`Status=expired`", "`Status=approved`", "`Status=denied`");

    @TempDir
    Path temp;

    abstract String database();

    abstract String label();

    @Test
    void listBenchmarkAtSmallSizesWritesEveryRowWithARatio() throws Exception {
        Path readme = temp.resolve("README.md");
        Files.writeString(readme, "# Title\n" + ReadmeTable.BEGIN + "\nrequest table\n" + ReadmeTable.END + "\nmiddle\n"
                + ListReport.BEGIN + "\nold list table\n" + ListReport.END + "\nafter\n");

        BenchmarkRun.Result run = BenchmarkRun.run(BenchmarkRun.serverJar(), temp.resolve("runs"),
                "--lists", "--database", database(), "--list-sizes", "1000,20000", "--list-requests", "20",
                "--markdown", "--readme", readme.toString());
        String output = run.output();
        System.out.println(output);
        assertThat(run.exit()).as(output).isZero();

        String text = Files.readString(readme);
        assertThat(text).as("the request table is left alone")
                .startsWith("# Title\n" + ReadmeTable.BEGIN + "\nrequest table\n" + ReadmeTable.END + "\nmiddle\n" + ListReport.BEGIN)
                .endsWith(ListReport.END + "\nafter\n").doesNotContain("old list table");
        List<String> rows = BenchmarkRun.rows(text, label());
        assertThat(rows).hasSize(2 * REQUESTS.size());
        for (String scope : List.of("one entity", "one service (101 entities)")) {
            for (String request : REQUESTS) {
                // The deep page: page 19 of the entity's 1,000, and at the large size page 399 of the
                // entity's 20,000 (the service's measured entity keeps its 1,000).
                String name = request.startsWith("deep") ? request + ", page 19 / " + (scope.equals("one entity") ? 399 : 19) : request;
                List<String> cells = row(rows, scope, name);
                assertThat(cells).as(scope + " " + name).hasSize(9);
                for (String cell : cells.subList(3, 8)) {
                    assertThat(number(cell)).as(scope + " " + name + ": " + cell).isPositive();
                }
                assertThat(cells.get(8)).isIn("met", "**not met**");
            }
        }
        // Every scope was seeded into the database the server reads (the benchmark counts each scope's
        // rows there and stops on a mismatch): 4 x 999 recent, 19,000 history, 18,900 on the other entities.
        assertThat(output).contains("seeded 41,896 challenges");
    }

    private static List<String> row(List<String> rows, String scope, String request) {
        for (String row : rows) {
            List<String> cells = BenchmarkRun.cells(row);
            if (cells.get(1).equals(scope) && cells.get(2).equals(request)) {
                return cells;
            }
        }
        throw new AssertionError("no row " + scope + " / " + request + " in " + rows);
    }
}
