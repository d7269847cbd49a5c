package dev.assent.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.api.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The loop's own rules, over an in-memory job table (the loop itself touches no database; the stores
 * behind it are tested on SQLite and PostgreSQL by the delivery contracts): a job whose run throws is
 * recorded as crashed and the loop goes on with the others.
 */
class LeaseLoopTest {

    private static final Transactions DIRECT = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };

    record Job(String id, String account) {
    }

    /** A job table where a job is due until it has run or crashed once. */
    static final class Table implements LeasedJobs<Job> {
        final List<Job> rows = new CopyOnWriteArrayList<>();
        final Set<String> leased = ConcurrentHashMap.newKeySet();
        final List<String> ran = new CopyOnWriteArrayList<>();
        final List<String> crashes = new CopyOnWriteArrayList<>();

        @Override
        public List<Job> due(Instant now, Set<String> fullAccounts, int limit) {
            List<Job> due = new ArrayList<>();
            for (Job job : rows) {
                if (!leased.contains(job.id()) && !fullAccounts.contains(job.account()) && due.size() < limit) {
                    due.add(job);
                }
            }
            return due;
        }

        @Override
        public Optional<Job> lease(Job candidate, Instant now, Instant until) {
            return leased.add(candidate.id()) ? Optional.of(candidate) : Optional.empty();
        }

        @Override
        public String account(Job job) {
            return job.account();
        }

        @Override
        public void run(Job job) throws Exception {
            if (job.id().startsWith("poison")) {
                throw new IllegalStateException("secret detail that must not be recorded");
            }
            if (job.id().startsWith("checked")) {
                throw new java.io.IOException("also not recorded");
            }
            ran.add(job.id());
        }

        @Override
        public void crashed(Job job, String reason) {
            crashes.add(job.id() + ":" + reason);
        }
    }

    @Test
    void aJobThatThrowsIsRecordedAsCrashedWithItsTypeOnlyAndTheOthersStillRun() throws InterruptedException {
        Table table = new Table();
        table.rows.add(new Job("poison-1", "AC-a"));
        table.rows.add(new Job("checked-1", "AC-a"));
        for (int i = 0; i < 10; i++) {
            table.rows.add(new Job("ok-" + i, i % 2 == 0 ? "AC-a" : "AC-b"));
        }
        LeaseLoop<Job> loop = new LeaseLoop<>("test-loop", table, DIRECT, Clock.systemUTC(), Duration.ofMillis(20),
                Duration.ofMinutes(1), 4, 2, Duration.ofSeconds(2)).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((table.ran.size() < 10 || table.crashes.size() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            loop.close();
        }
        assertThat(table.ran).hasSize(10);
        assertThat(table.crashes).containsExactlyInAnyOrder("poison-1:IllegalStateException", "checked-1:IOException");
        assertThat(loop.inFlight()).isZero();
    }
}
