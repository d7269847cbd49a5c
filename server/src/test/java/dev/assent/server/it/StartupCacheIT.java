package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up cache (README: Start time) as the product builds and uses it: {@code bin/assent-java --train}
 * on a copy of the packaged jar and its libs, then starts through {@code bin/assent-java} as {@code ./assent}
 * does, and starts handed a stale, a missing and a corrupt cache directly, as a hand-written command line
 * could. Every start must serve: a cache only ever makes a start quicker. No timing is asserted here (the
 * benchmark reports it); what is asserted is that the JVM really used a fresh cache ({@code -XX:AOTMode=on}
 * makes a JVM that cannot use it refuse to start) and that the launcher never hands it one it would refuse.
 */
class StartupCacheIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "assent-java").toAbsolutePath().normalize();
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final boolean AOT_JDK = Runtime.version().feature() >= 25;

    @TempDir
    Path dir;

    @Test
    void aTrainedCacheIsUsedAndAStaleOrForeignOneIsLeftOut() throws Exception {
        Path jar = copyOfTheJar();
        Path cache = dir.resolve("app").resolve("assent.aot");
        assertThat(flags(jar)).as("no cache yet").noneMatch(f -> f.startsWith("-XX:AOTCache"))
                .contains("--enable-native-access=ALL-UNNAMED");

        Finished training = launcher(List.of("--train", jar.toString()), Map.of(), TRAINING_TIMEOUT);
        assertThat(training.exitCode()).as("training: %s", training.output()).isZero();
        if (!AOT_JDK) {
            // JDK 21-24: no cache is made and starts go without one.
            assertThat(training.output()).contains("needs JDK 25");
            assertThat(cache).doesNotExist();
            assertThat(flags(jar)).noneMatch(f -> f.startsWith("-XX:AOTCache"));
            assertThat(serve(launch(jar, Map.of()), "no cache on this JDK").exitCode).isZero();
            return;
        }
        assertThat(Files.size(cache)).as("the cache the training run wrote").isPositive();
        assertThat(flags(jar)).contains("-XX:AOTCache=" + cache.toRealPath());

        // AOTMode=on: the JVM stops at once if it cannot map this cache, so serving proves it used it.
        Started cached = serve(launch(jar, Map.of("JDK_JAVA_OPTIONS", "-XX:AOTMode=on")), "fresh cache, AOTMode=on");
        assertThat(cached.exitCode).isZero();
        assertThat(cached.stderr).doesNotContain("[error][aot]").contains("started: JVM to main");
        assertThat(cached.stdout).as("command output only: the launcher sends the JVM's warnings to stderr").isEmpty();

        // A cache made by another JDK (its stamp differs) is not handed to this one.
        Path stamp = dir.resolve("app").resolve("assent.aot.jdk");
        String ownStamp = Files.readString(stamp);
        Files.writeString(stamp, "/some/other/jdk 25.0.0+1\n");
        assertThat(flags(jar)).noneMatch(f -> f.startsWith("-XX:AOTCache"));
        Files.writeString(stamp, ownStamp);
        assertThat(flags(jar)).contains("-XX:AOTCache=" + cache.toRealPath());

        // A library changed after the training run: the launcher leaves the cache out, and the start serves.
        Path lib;
        try (Stream<Path> libs = Files.list(dir.resolve("app").resolve("libs"))) {
            lib = libs.filter(p -> p.getFileName().toString().startsWith("picocli")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(lib, FileTime.fromMillis(Files.getLastModifiedTime(cache).toMillis() + 60_000));
        assertThat(flags(jar)).noneMatch(f -> f.startsWith("-XX:AOTCache"));
        assertThat(serve(launch(jar, Map.of()), "stale cache, left out by the launcher").exitCode).isZero();

        // The same stale cache handed to the JVM directly: it says why it ignores it, and serves without it.
        Started stale = serve(direct(jar, "-XX:AOTCache=" + cache), "stale cache given directly");
        assertThat(stale.exitCode).isZero();
        assertThat(stale.stdout + stale.stderr).contains("[aot]").contains("mismatch");
    }

    @Test
    void aMissingOrCorruptCacheDoesNotStopAStart() throws Exception {
        Path jar = copyOfTheJar();
        Path missing = dir.resolve("app").resolve("none.aot");
        Started withoutFile = serve(direct(jar, "-XX:+IgnoreUnrecognizedVMOptions", "-XX:AOTCache=" + missing), "missing cache");
        assertThat(withoutFile.exitCode).isZero();
        assertThat(missing).doesNotExist();

        Path corrupt = dir.resolve("app").resolve("corrupt.aot");
        byte[] garbage = new byte[64 * 1024];
        new SecureRandom().nextBytes(garbage);
        Files.write(corrupt, garbage);
        Started withGarbage = serve(direct(jar, "-XX:+IgnoreUnrecognizedVMOptions", "-XX:AOTCache=" + corrupt), "corrupt cache");
        assertThat(withGarbage.exitCode).isZero();
        assertThat(Files.readAllBytes(corrupt)).as("the JVM only reads a cache").isEqualTo(garbage);
    }

    /** The packaged jar and its libs/ copied with their times, so a test's cache never touches target/. */
    private Path copyOfTheJar() throws IOException {
        Path app = Files.createDirectories(dir.resolve("app").resolve("libs"));
        Files.copy(AssentJar.JAR, app.getParent().resolve("assent.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        try (Stream<Path> libs = Files.list(AssentJar.JAR.toAbsolutePath().getParent().resolve("libs"))) {
            for (Path lib : libs.toList()) {
                Files.copy(lib, app.resolve(lib.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return app.getParent().resolve("assent.jar");
    }

    private List<String> flags(Path jar) throws Exception {
        Finished run = launcher(List.of("--flags", jar.toString()), Map.of(), Duration.ofSeconds(30));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output().lines().toList();
    }

    /** {@code bin/assent-java args…} run to its end, output and errors together. */
    private Finished launcher(List<String> args, Map<String, String> env, Duration timeout) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(args);
        Path out = Files.createTempFile(dir, "launcher", ".txt");
        Process process = environment(new ProcessBuilder(command), env).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("bin/assent-java " + args + " did not end within " + timeout + ": " + Files.readString(out));
        }
        return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    record Finished(int exitCode, String output) {
    }

    /** {@code bin/assent-java JAR serve}, as {@code ./assent serve} starts it. */
    private ProcessBuilder launch(Path jar, Map<String, String> env) {
        return environment(new ProcessBuilder("bash", LAUNCHER.toString(), jar.toString(), "serve"), env);
    }

    /** {@code java FLAGS -jar JAR serve} with the launcher's module flag, as a hand-written command line would. */
    private ProcessBuilder direct(Path jar, String... flags) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        return environment(new ProcessBuilder(command), Map.of());
    }

    /** The tests' JDK for the launcher, no inherited ASSENT_* or JVM options: each start says exactly how it runs. */
    private ProcessBuilder environment(ProcessBuilder builder, Map<String, String> env) {
        builder.environment().keySet().removeIf(k -> k.startsWith("ASSENT_") || k.equals("JDK_JAVA_OPTIONS")
                || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return builder;
    }

    /** A stopped start: its exit code and what it wrote (the JVM's own warnings go to stdout unless told otherwise). */
    record Started(int exitCode, String stdout, String stderr) {
    }

    /**
     * Starts {@code serve} on a fresh data directory and loopback port, waits for its first 200 on
     * {@code /healthz} and for {@code /health/ready} (database migrated, workers running) and its start line,
     * stops it with SIGTERM and returns its exit code and output.
     */
    private Started serve(ProcessBuilder builder, String what) throws Exception {
        int port = AssentJar.freePort();
        Path data = Files.createTempDirectory(dir, "data");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        builder.environment().putAll(Map.of(
                "ASSENT_DATA_DIR", data.toString(),
                "ASSENT_HOST", "127.0.0.1",
                "ASSENT_PORT", Integer.toString(port),
                "ASSENT_PUBLIC_URL", "http://127.0.0.1:" + port,
                "ASSENT_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(key)));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            HttpResponse<String> live = AssentJar.awaitAnswer(process, AssentJar.get(port, "/healthz"), r -> r.statusCode() == 200,
                    START_TIMEOUT);
            assertThat(live).as("%s: first 200 on /healthz; stderr: %s", what, Files.readString(err)).isNotNull();
            assertThat(live.statusCode()).isEqualTo(200);
            HttpResponse<String> ready = AssentJar.awaitAnswer(process, AssentJar.get(port, "/health/ready"),
                    r -> r.statusCode() == 200, Duration.ofSeconds(30));
            assertThat(ready).as("%s: /health/ready", what).isNotNull();
            assertThat(ready.body()).contains("\"status\":\"ok\"");
            // The start line comes once SIGTERM is handled: a stop before it would end the JVM with 143.
            assertThat(AssentJar.awaitOutput(err, "started: JVM to main", Duration.ofSeconds(30)))
                    .as("%s: the start line", what).contains("started: JVM to main");
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s: stopped on SIGTERM", what).isTrue();
            return new Started(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
