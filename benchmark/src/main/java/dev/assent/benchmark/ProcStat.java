package dev.assent.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * CPU time and memory of other processes (the server's JVM, PostgreSQL's processes), read from Linux's
 * {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}. Every reading is empty where /proc is not there.
 */
final class ProcStat {

    /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux architecture Assent runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    /** utime + stime of the process, in nanoseconds, or -1 if it cannot be read. */
    static long cpuNanos(long pid) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return -1;
        }
        // After "pid (comm)": state is field 3, utime field 14, stime field 15 (1-based).
        long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** CPU of all {@code pids} together, or -1 if any cannot be read. */
    static long cpuNanos(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            long cpu = cpuNanos(pid);
            if (cpu < 0) {
                return -1;
            }
            total += cpu;
        }
        return total;
    }

    /** The resident set size of the process in bytes (VmRSS). */
    static OptionalLong rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return OptionalLong.empty();
    }

    /** {@code pid} and all its descendants now alive (e.g. the postmaster and its backends). */
    static List<Long> processTree(long pid) {
        List<long[]> parents = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path entry : proc) {
                long child = Long.parseLong(entry.getFileName().toString());
                String[] fields = statFields(child);
                if (fields != null) {
                    parents.add(new long[] {child, Long.parseLong(fields[4 - 3])});
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(pid);
        }
        List<Long> tree = new ArrayList<>(List.of(pid));
        for (int i = 0; i < tree.size(); i++) {
            long parent = tree.get(i);
            for (long[] p : parents) {
                if (p[1] == parent && !tree.contains(p[0])) {
                    tree.add(p[0]);
                }
            }
        }
        return tree;
    }

    /** The fields after {@code (comm)}, the first being the state (field 3), or null. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // comm may contain spaces and parentheses: the fields start after the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
