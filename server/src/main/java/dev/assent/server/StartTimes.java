package dev.assent.server;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Where a start's time went, for its one log line: the JVM's own start (process start to {@code main}),
 * then {@code main} to the database being ready and to the listener being up, and the CPU time spent so far.
 */
final class StartTimes {

    private static final long MAIN_NANOS = System.nanoTime();
    private static final Instant MAIN_AT = Instant.now();

    private StartTimes() {
    }

    /** Called first in {@code main}: the class's initialisation takes the marks. */
    static void mainEntered() {
        // Initialises the class.
    }

    static long millisSinceMain() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - MAIN_NANOS);
    }

    /** The process's start to {@code main}, as far as the platform says when the process started (to its clock tick). */
    static String jvmToMain() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, MAIN_AT).toMillis() + " ms").orElse("unknown");
    }

    /** CPU time of the whole process (every thread: main, JIT compilers, GC) so far. */
    static String processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os && os.getProcessCpuTime() >= 0) {
            return TimeUnit.NANOSECONDS.toMillis(os.getProcessCpuTime()) + " ms";
        }
        return "unknown";
    }
}
