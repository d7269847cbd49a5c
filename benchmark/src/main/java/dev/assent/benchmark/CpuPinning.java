package dev.assent.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The core split: the server (and its database's processes) on core 0, the load generator (this JVM)
 * on cores 1 to n-1, with {@code taskset}. Without {@code taskset}, or with a single core, nothing is
 * pinned and {@link #description()} says so, so that the report shows the numbers are client and server
 * together.
 */
final class CpuPinning {

    private static final long TASKSET_TIMEOUT_SECONDS = 10;

    private final int cores;
    private final Optional<String> unavailable;

    private CpuPinning(int cores, Optional<String> unavailable) {
        this.cores = cores;
        this.unavailable = unavailable;
    }

    /** The split this JVM was already pinned to, if any: a second run in the same JVM keeps it. */
    private static CpuPinning pinned;

    /** Detects taskset and the machine's cores; {@code wanted=false} (--no-pin) pins nothing. */
    static synchronized CpuPinning detect(boolean wanted) {
        if (wanted && pinned != null) {
            return pinned;
        }
        int cores = onlineCores();
        if (!wanted) {
            return new CpuPinning(cores, Optional.of("--no-pin"));
        }
        if (cores < 2) {
            return new CpuPinning(cores, Optional.of("only " + cores + " core available"));
        }
        if (!allowedCpus().equals("0-" + (cores - 1)) && !(cores == 2 && allowedCpus().equals("0,1"))) {
            return new CpuPinning(cores, Optional.of("this process may only use cores " + allowedCpus()
                    + ", not 0-" + (cores - 1)));
        }
        if (!run(List.of("taskset", "-p", Long.toString(ProcessHandle.current().pid())))) {
            return new CpuPinning(cores, Optional.of("taskset is not installed (util-linux)"));
        }
        return new CpuPinning(cores, Optional.empty());
    }

    boolean enabled() {
        return unavailable.isEmpty();
    }

    int cores() {
        return cores;
    }

    String serverCores() {
        return "0";
    }

    String clientCores() {
        return cores == 2 ? "1" : "1-" + (cores - 1);
    }

    /** For the report. */
    String description() {
        return unavailable.map(why -> "NOT PINNED (" + why + "): server and load generator share all " + cores + " cores")
                .orElse("server pinned to core " + serverCores() + ", load generator to core(s) " + clientCores()
                        + " (taskset)");
    }

    /** The command prefix that starts a process on the server's core (empty when not pinning). */
    List<String> serverPrefix() {
        return enabled() ? List.of("taskset", "-c", serverCores()) : List.of();
    }

    /** Moves every thread of this JVM (and the threads it starts later) to the load generator's cores. */
    void pinSelf() {
        if (!enabled()) {
            return;
        }
        if (!run(List.of("taskset", "-a", "-p", "-c", clientCores(), Long.toString(ProcessHandle.current().pid())))) {
            throw new IllegalStateException("taskset could not pin the load generator");
        }
        synchronized (CpuPinning.class) {
            pinned = this;
        }
    }

    /** The machine's online processors (not this process's affinity, which pinning narrows). */
    private static int onlineCores() {
        try {
            // e.g. "0-1" or "0-3,5"
            int count = 0;
            for (String range : Files.readString(Path.of("/sys/devices/system/cpu/online")).trim().split(",")) {
                String[] ends = range.split("-");
                count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
            }
            return count;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** Moves an already running process tree (PostgreSQL's postmaster and its children) to the server's core. */
    void pinToServer(List<Long> pids) {
        if (!enabled()) {
            return;
        }
        for (long pid : pids) {
            // A process that exited in between is fine; one that could not be moved is not.
            if (!run(List.of("taskset", "-a", "-p", "-c", serverCores(), Long.toString(pid))) && Files.exists(Path.of("/proc", Long.toString(pid)))) {
                throw new IllegalStateException("taskset could not pin process " + pid + " to the server's core");
            }
        }
    }

    /** Cpus_allowed_list of this process, e.g. {@code 0-1}. */
    static String allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring("Cpus_allowed_list:".length()).trim();
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return "unknown";
    }

    private static boolean run(List<String> command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(TASKSET_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
