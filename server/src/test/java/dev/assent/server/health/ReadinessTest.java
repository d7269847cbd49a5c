package dev.assent.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The waiting policy on its own: a database that never answers costs each probe at most the bound and
 * at most one query in flight, however many probes arrive. (Real databases: {@code *HealthIT}.)
 */
class ReadinessTest {

    @Test
    void aHangingDatabaseCostsOneQueryAndEachProbeOnlyItsBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger queries = new AtomicInteger();
        Readiness readiness = new Readiness(timeout -> {
            queries.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of("9");
        }, "9", Map.of("push-worker", () -> true), Duration.ofMillis(200));

        try (ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Readiness.Report>> reports = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                reports.add(probes.submit(readiness::check));
            }
            for (Future<Readiness.Report> report : reports) {
                assertThat(report.get().failing()).containsExactly("database", "migrations");
                assertThat(report.get().checks().get(0).reason()).contains("no answer within 200 ms");
            }
        }
        assertThat(queries.get()).isEqualTo(1);

        release.countDown();
        // The hung query has ended: the next probe asks again and passes.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Readiness.Report report = readiness.check();
        while (!report.ready() && System.nanoTime() < deadline) {
            report = readiness.check();
        }
        assertThat(report.ready()).isTrue();
        assertThat(report.checks()).extracting(Readiness.Check::name).containsExactly("database", "migrations", "push-worker");
    }

    @Test
    void aSchemaBehindOrAheadFailsMigrationsOnly() {
        Readiness behind = new Readiness(timeout -> Optional.of("6"), "9", Map.of(), Duration.ofSeconds(1));
        assertThat(behind.check().failing()).containsExactly("migrations");
        assertThat(behind.check().checks().get(1).reason()).contains("schema at version 6, expected 9");
        Readiness empty = new Readiness(timeout -> Optional.empty(), "9", Map.of(), Duration.ofSeconds(1));
        assertThat(empty.check().checks().get(1).reason()).contains("schema at version none, expected 9");
    }

    @Test
    void aStoppingServerIsNotReadyWhateverItsChecksSay() {
        Readiness readiness = new Readiness(timeout -> Optional.of("9"), "9", Map.of("push-worker", () -> true), Duration.ofSeconds(1));
        assertThat(readiness.check().ready()).isTrue();
        readiness.shuttingDown();
        Readiness.Report report = readiness.check();
        assertThat(report.ready()).isFalse();
        assertThat(report.failing()).containsExactly("shutdown");
        assertThat(report.checks().get(0).reason()).contains("the server is shutting down");
    }
}
