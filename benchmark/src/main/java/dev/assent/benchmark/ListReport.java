package dev.assent.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The list benchmark's table: p50/p99 per request at both sizes and the ratio of the p50s, per scope and database. */
final class ListReport {

    static final String BEGIN = "<!-- assent-bench-lists:begin (written by ./assent bench --lists --markdown) -->";
    static final String END = "<!-- assent-bench-lists:end -->";
    static final double GOAL = 1.5;

    private final RunEnvironment environment;
    private final int requests;
    private final List<ListBenchmark.Run> runs = new ArrayList<>();

    ListReport(RunEnvironment environment, int requests) {
        this.environment = environment;
        this.requests = requests;
    }

    void add(ListBenchmark.Run run) {
        runs.add(run);
    }

    boolean anyFailed() {
        return runs.stream().anyMatch(ListBenchmark.Run::failed);
    }

    void table(PrintStream out) {
        out.println();
        out.println(markdown());
        out.flush();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        if (runs.isEmpty()) {
            return "";
        }
        ListBenchmark.Run first = runs.get(0);
        String smallLabel = String.format(Locale.ROOT, "%,d", first.smallSize());
        String largeLabel = String.format(Locale.ROOT, "%,d", first.largeSize());
        md.append("| database | scope | `GET …/Challenges` | p50 at ").append(smallLabel).append(" | p99 at ").append(smallLabel)
                .append(" | p50 at ").append(largeLabel).append(" | p99 at ").append(largeLabel)
                .append(" | p50 ratio | goal ≤ ").append(GOAL).append(" |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---|\n");
        for (ListBenchmark.Run run : runs) {
            for (ListBenchmark.Scope scope : run.scopes()) {
                for (int i = 0; i < scope.small().size(); i++) {
                    ListBenchmark.Timing s = scope.small().get(i);
                    ListBenchmark.Timing l = scope.large().get(i);
                    double ratio = (double) l.p50() / s.p50();
                    String label = s.request().label;
                    if (s.request() == ListBenchmark.Request.DEEP) {
                        label += ", page " + s.pageNumber() + " / " + l.pageNumber();
                    }
                    long errors = s.errors() + l.errors();
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s%s | %s | %s | %s | %s | %.2f | %s |%n", run.kind().label(),
                            scope.label(), label, errors > 0 ? " **(ERRORS: " + errors + ")**" : "", Report.millis(s.p50()),
                            Report.millis(s.p99()), Report.millis(l.p50()), Report.millis(l.p99()), ratio,
                            ratio <= GOAL ? "met" : "**not met**"));
                }
            }
        }
        md.append('\n');
        md.append("_").append(environment.date()).append("; JDK ").append(Runtime.version().feature()).append("; ")
                .append(environment.cores()).append(" cores, ").append(environment.pinning()).append("; one client, ")
                .append(requests).append(" timed requests per cell after ").append(Math.max(5, requests / 5))
                .append(" untimed, PageSize=").append(ListBenchmark.PAGE_SIZE).append(". Seeded straight into the database: ");
        List<String> seeds = new ArrayList<>();
        for (ListBenchmark.Run run : runs) {
            seeds.add(String.format(Locale.ROOT, "%s %,d rows in %.0f s (%s)", run.kind().label(), run.seededRows(), run.seedSeconds(),
                    run.description()));
        }
        md.append(String.join("; ", seeds)).append(". Load average at start ").append(environment.loadAverage())
                .append(", at the end ").append(RunEnvironment.readLoadAverage()).append("._\n");
        return md.toString();
    }
}
