package dev.assent.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code --jfr}: a JFR recording of the server JVM over each measured window, started and stopped with the
 * JDK's {@code jcmd} (run from the load generator's core, so the attach cost is not the server's), and the
 * recording's hot methods: the top frame of every {@code jdk.ExecutionSample}, counted. The server samples
 * every {@link #SAMPLE_PERIOD}; its cost is in the server's CPU of every phase of a {@code --jfr} run, so
 * compare {@code --jfr} runs with {@code --jfr} runs.
 */
final class ServerProfiler {

    static final String SAMPLE_PERIOD = "10ms";
    private static final long JCMD_TIMEOUT_SECONDS = 60;
    private static final ServerProfiler OFF = new ServerProfiler(-1, null, "");

    private final long pid;
    private final Path directory;
    private final String prefix;
    private int phase;
    private String running;

    private ServerProfiler(long pid, Path directory, String prefix) {
        this.pid = pid;
        this.directory = directory;
        this.prefix = prefix;
    }

    static ServerProfiler off() {
        return OFF;
    }

    /** Profiles the JVM {@code pid}, keeping each recording in {@code directory} as {@code <prefix>-<n>-<phase>.jfr}. */
    static ServerProfiler of(long pid, Path directory, String prefix) {
        if (!Files.isExecutable(jcmd())) {
            throw new IllegalStateException("--jfr needs the JDK's jcmd, not found at " + jcmd());
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return new ServerProfiler(pid, directory, prefix);
    }

    boolean enabled() {
        return pid > 0;
    }

    /** Starts a recording for the window of {@code workload}; call {@link #stop()} after the window. */
    void start(String workload) throws InterruptedException {
        if (!enabled()) {
            return;
        }
        phase++;
        running = String.format(Locale.ROOT, "%s-%02d-%s", prefix, phase, slug(workload));
        jcmd("JFR.start", "name=" + running, "settings=profile", "jdk.ExecutionSample#period=" + SAMPLE_PERIOD);
    }

    /** Stops the running recording, writes it out and reads its hot methods. */
    ServerProfile stop() throws InterruptedException {
        if (!enabled() || running == null) {
            return ServerProfile.NONE;
        }
        Path file = directory.resolve(running + ".jfr").toAbsolutePath();
        String name = running;
        running = null;
        jcmd("JFR.stop", "name=" + name, "filename=" + file);
        return read(file);
    }

    /** The top frames of the execution samples in {@code recording}. */
    static ServerProfile read(Path recording) {
        Map<String, Long> counts = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                var event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame top = stack.getFrames().get(0);
                String method = top.getMethod().getType().getName() + "." + top.getMethod().getName();
                counts.merge(method, 1L, Long::sum);
                samples++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording " + recording, e);
        }
        List<ServerProfile.Frame> frames = new ArrayList<>();
        counts.forEach((method, count) -> frames.add(new ServerProfile.Frame(method, count)));
        frames.sort(Comparator.comparingLong(ServerProfile.Frame::samples).reversed().thenComparing(ServerProfile.Frame::method));
        return new ServerProfile(samples, frames.subList(0, Math.min(ServerProfile.TOP, frames.size())), recording.toString());
    }

    private void jcmd(String... command) throws InterruptedException {
        List<String> line = new ArrayList<>(List.of(jcmd().toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            byte[] output;
            try (var in = p.getInputStream()) {
                output = in.readNBytes(64 * 1024);
            }
            if (!p.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " did not finish in " + JCMD_TIMEOUT_SECONDS + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            // jcmd reports a failed diagnostic command in its output, sometimes with exit status 0.
            if (p.exitValue() != 0 || text.contains("Exception") || text.contains("Could not")) {
                throw new IllegalStateException(String.join(" ", line) + " failed (exit " + p.exitValue() + "): " + text.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + line, e);
        }
    }

    private static Path jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }

    private static String slug(String workload) {
        String s = workload.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
