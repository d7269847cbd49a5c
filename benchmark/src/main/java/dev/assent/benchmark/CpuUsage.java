package dev.assent.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU used over a window, in cores: by this JVM (the load generator), and by the whole machine
 * (which adds the server, PostgreSQL's processes, and anything else running beside the benchmark).
 * Tells whether a result was CPU-bound, or waiting on disk or locks.
 */
final class CpuUsage {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** A reading at one instant. */
    record Sample(long wallNanos, long jvmCpuNanos, Optional<long[]> machineTicks) {
    }

    /**
     * Cores busy on average between two samples: {@code jvm} in this JVM, and {@code machineShare}, the share
     * (0 to 1) of all the machine's cores that were busy, empty without /proc/stat.
     */
    record Load(double jvm, Optional<Double> machineShare) {
    }

    private CpuUsage() {
    }

    static Sample sample() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new Sample(System.nanoTime(), jvm, machineTicks());
    }

    static Load between(Sample from, Sample to) {
        double wall = to.wallNanos() - from.wallNanos();
        double jvm = from.jvmCpuNanos() < 0 ? Double.NaN : (to.jvmCpuNanos() - from.jvmCpuNanos()) / wall;
        Optional<Double> machine = from.machineTicks().flatMap(a -> to.machineTicks().map(b -> {
            long busy = (b[0] - a[0]);
            long total = (b[1] - a[1]);
            // A share of every core: this JVM's own affinity (one core, pinned) would not be the machine's count.
            return total == 0 ? 0.0 : (double) busy / total;
        }));
        return new Load(jvm, machine);
    }

    /** {busy, total} jiffies from the first line of /proc/stat (busy = everything but idle and iowait). */
    private static Optional<long[]> machineTicks() {
        try {
            String[] f = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice, already inside user/nice]
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return Optional.of(new long[] {total - idle, total});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
