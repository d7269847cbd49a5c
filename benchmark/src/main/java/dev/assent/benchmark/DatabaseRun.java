package dev.assent.benchmark;

import java.time.Duration;
import java.util.List;

/**
 * Everything measured on one database's server.
 *
 * @param kind            the database
 * @param description     its version and durability settings
 * @param startToFirst200 from starting the jar to its first 200 on /healthz, migrations of a fresh database included
 * @param rssBytes        the server JVM's resident set after the load (-1: unknown)
 * @param es256PerSecond  bare ES256 verifications per second on one core, same run
 * @param phases          the measured phases, in the order they ran
 */
record DatabaseRun(DatabaseKind kind, String description, Duration startToFirst200, long rssBytes, double es256PerSecond,
        List<PhaseResult> phases) {

    PhaseResult phase(Step step) {
        return phases.stream().filter(p -> p.iteration() == step).findFirst()
                .orElseThrow(() -> new IllegalStateException("no phase " + step));
    }

    boolean failed() {
        return phases.stream().anyMatch(PhaseResult::failed);
    }
}
