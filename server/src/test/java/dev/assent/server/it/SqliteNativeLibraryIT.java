package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The packaged jar on SQLite keeps sqlite-jdbc's native library in {@code <data-dir>/native/}: written on
 * the first start, loaded from there (the serving process maps that file), nothing extracted to the
 * temporary directory, and a file that differs from the jar's replaced before it could be loaded.
 */
class SqliteNativeLibraryIT {

    @TempDir
    Path dir;

    @Test
    void theLibraryIsKeptInTheDataDirectoryLoadedFromThereAndReplacedWhenItDiffers() throws Exception {
        Path data = dir.resolve("data");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        byte[] jarLibrary;
        try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(LibraryLoaderUtil.getNativeLibResourcePath() + "/"
                + LibraryLoaderUtil.getNativeLibName())) {
            jarLibrary = in.readAllBytes();
        }
        Path kept = data.resolve("native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-" + LibraryLoaderUtil.getNativeLibName());
        Map<String, String> env = Map.of("ASSENT_DATA_DIR", data.toString(), "JDK_JAVA_OPTIONS", "-Djava.io.tmpdir=" + tmp);

        AssentJar.Run first = AssentJar.run(env, "migrate");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(Files.readAllBytes(kept)).isEqualTo(jarLibrary);
        assertThat(list(tmp)).as("nothing extracted to the temporary directory").isEmpty();
        long written = Files.getLastModifiedTime(kept).toMillis();

        AssentJar.Run again = AssentJar.run(env, "migrate");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(Files.getLastModifiedTime(kept).toMillis()).as("an equal library is reused").isEqualTo(written);
        assertThat(again.stderr()).doesNotContain("native library");

        byte[] tampered = jarLibrary.clone();
        tampered[tampered.length / 3] ^= 0x55;
        Files.write(kept, tampered);
        int port = AssentJar.freePort();
        Process serve = AssentJar.command(Map.of("ASSENT_DATA_DIR", data.toString(), "JDK_JAVA_OPTIONS", "-Djava.io.tmpdir=" + tmp,
                "ASSENT_HOST", "127.0.0.1", "ASSENT_PORT", Integer.toString(port), "ASSENT_PUBLIC_URL", "http://127.0.0.1:" + port,
                "ASSENT_ENCRYPTION_KEYS", TestKeys.entry("native1")), "serve")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            HttpResponse<String> live = AssentJar.awaitAnswer(serve, AssentJar.get(port, "/healthz"), r -> r.statusCode() == 200,
                    Duration.ofSeconds(120));
            assertThat(live).as(Files.readString(dir.resolve("serve.err"))).isNotNull();
            assertThat(Files.readAllBytes(kept)).as("the differing file was replaced").isEqualTo(jarLibrary);
            assertThat(Files.readString(dir.resolve("serve.err"))).contains("differed from the one in sqlite-jdbc's jar: replaced");
            List<String> maps = Files.readAllLines(Path.of("/proc", Long.toString(serve.pid()), "maps"));
            String keptPath = kept.toRealPath().toString();
            String nativeDir = kept.getParent().toRealPath().toString();
            assertThat(maps).as("the server maps the kept library").anyMatch(l -> l.endsWith(keptPath));
            assertThat(maps).noneMatch(l -> l.contains("sqlite") && !l.contains(nativeDir));
            assertThat(list(tmp)).isEmpty();
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains("sqlite")).toList();
        }
    }
}
