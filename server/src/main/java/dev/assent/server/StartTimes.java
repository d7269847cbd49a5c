package dev.assent.server;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Where a start's time went, for its one log line ({@code started: …}): the JVM's own start (process
 * start to {@code main}), then {@code main} to the database being ready (and how much of that opening and
 * migrating it took) and to the listener being up, and the CPU time of the process so far.
 */
final class StartTimes {

    private static final long MAIN_NANOS = System.nanoTime();
    private static final Instant MAIN_AT = Instant.now();
    private static volatile long databaseOpening = -1;
    private static volatile long databaseReady = -1;
    private static volatile long listening = -1;

    private StartTimes() {
    }

    /** Called first in {@code main}: the class's initialisation takes the marks. */
    static void mainEntered() {
        // Initialises the class.
    }

    static void databaseOpening() {
        databaseOpening = System.nanoTime();
    }

    static void databaseReady() {
        databaseReady = System.nanoTime();
    }

    static void listening() {
        listening = System.nanoTime();
    }

    /** E.g. {@code JVM to main 140 ms, main to database ready 610 ms (opening and migrating it 420 ms), …}. */
    static String summary() {
        StringBuilder line = new StringBuilder("JVM to main ").append(jvmToMain());
        if (databaseReady > 0 && databaseOpening > 0) {
            line.append(", main to database ready ").append(millis(databaseReady - MAIN_NANOS)).append(" (opening and migrating it ")
                    .append(millis(databaseReady - databaseOpening)).append(')');
        }
        if (listening > 0) {
            line.append(", main to listening ").append(millis(listening - MAIN_NANOS));
        }
        return line.append("; CPU time so far ").append(processCpu()).toString();
    }

    private static String millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
    }

    /** The process's start to {@code main}, as far as the platform says when the process started (to its clock tick). */
    private static String jvmToMain() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, MAIN_AT).toMillis() + " ms").orElse("unknown");
    }

    /** CPU time of the whole process (every thread: main, JIT compilers, GC) so far. */
    private static String processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os && os.getProcessCpuTime() >= 0) {
            return TimeUnit.NANOSECONDS.toMillis(os.getProcessCpuTime()) + " ms";
        }
        return "unknown";
    }
}
