package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.it.AssentJar.Run;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encryption keys as operators meet them in the packaged jar: {@code serve} refuses to start
 * without keys or with keys that do not open the database, and writes nothing; {@code dev} (and
 * {@code accounts create}) keep a key file in the data directory; {@code encryption status|rotate}.
 */
class EncryptionCommandLineIT {

    @TempDir
    Path tempDir;

    /** What the command told the user, and any exception (which it must never print). */
    private static List<String> messages(Run run) {
        return run.stderr().lines().filter(l -> l.startsWith("assent: ") || l.contains("Exception")).toList();
    }

    private Map<String, String> env(Path dataDir, String... more) {
        Map<String, String> env = new HashMap<>(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PUBLIC_URL", "http://127.0.0.1:1",
                "ASSENT_PORT", "0", "ASSENT_HOST", "127.0.0.1"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static byte[] files(Path dataDir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : List.of("assent.db", "assent.db-wal")) {
            Path file = dataDir.resolve(name);
            if (Files.exists(file)) {
                out.write(Files.readAllBytes(file));
            }
        }
        return out.toByteArray();
    }

    @Test
    void serveWithoutKeysSaysSoInOneLineAndWritesNothing() throws Exception {
        Path dataDir = tempDir.resolve("data");
        Run run = AssentJar.run(env(dataDir), "serve");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(messages(run)).hasSize(1).allMatch(m -> m.contains("ASSENT_ENCRYPTION_KEYS"));
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void serveWithAWrongKeySaysSoInOneLineAndChangesNothing() throws Exception {
        Path dataDir = tempDir.resolve("data");
        String right = TestKeys.entry("k1");
        Run created = AssentJar.run(env(dataDir, "ASSENT_ENCRYPTION_KEYS", right), "accounts", "create");
        assertThat(created.exitCode()).as(messages(created).toString()).isZero();
        byte[] before = files(dataDir);

        for (String wrong : List.of(TestKeys.entry("k1"), TestKeys.entry("k2"))) {
            Run run = AssentJar.run(env(dataDir, "ASSENT_ENCRYPTION_KEYS", wrong), "serve");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(messages(run)).hasSize(1).allMatch(m -> m.contains("cannot open the stored secrets"));
            assertThat(files(dataDir)).isEqualTo(before);
        }
        Run malformed = AssentJar.run(env(dataDir, "ASSENT_ENCRYPTION_KEYS", "k1:c2hvcnQ="), "serve");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(messages(malformed)).hasSize(1).allMatch(m -> m.contains("expected 32"));
        assertThat(files(dataDir)).isEqualTo(before);
    }

    @Test
    void accountsCreateKeepsADevKeyFileOwnerOnly() throws Exception {
        Path dataDir = tempDir.resolve("data");
        Map<String, String> env = Map.of("ASSENT_DATA_DIR", dataDir.toString());
        assertThat(AssentJar.run(env, "accounts", "create").exitCode()).isZero();
        Path keyFile = dataDir.resolve("encryption.keys");
        String key = Files.readString(keyFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(AssentJar.run(env, "accounts", "create").exitCode()).isZero();
        assertThat(Files.readString(keyFile)).isEqualTo(key);
        // And serve can run on it with the file named.
        Run status = AssentJar.run(env(dataDir, "ASSENT_ENCRYPTION_KEY_FILE", keyFile.toString()), "encryption", "status");
        assertThat(status.stdout()).contains("accounts.auth_token: {dev1=2}", "key dev1: 2 rows (active)");
    }

    @Test
    void rotateReSealsUnderTheActiveKeyAndStatusShowsTheOldKeyRetirable() throws Exception {
        Path dataDir = tempDir.resolve("data");
        String k1 = TestKeys.entry("k1");
        String k2 = TestKeys.entry("k2");
        assertThat(AssentJar.run(env(dataDir, "ASSENT_ENCRYPTION_KEYS", k1), "accounts", "create").exitCode()).isZero();
        assertThat(AssentJar.run(env(dataDir, "ASSENT_ENCRYPTION_KEYS", k1), "accounts", "create").exitCode()).isZero();

        Run rotate = AssentJar.run(env(dataDir, "ASSENT_ENCRYPTION_KEYS", k2 + "," + k1), "encryption", "rotate");
        assertThat(rotate.exitCode()).as(messages(rotate).toString()).isZero();
        assertThat(rotate.stdout()).containsExactly("re-sealed 2 secrets under key k2");
        Run status = AssentJar.run(env(dataDir, "ASSENT_ENCRYPTION_KEYS", k2 + "," + k1), "encryption", "status");
        assertThat(status.stdout()).contains("accounts.auth_token: {k2=2}", "key k1: 0 rows (seals nothing: can be removed)",
                "key k2: 2 rows (active)");
        // k1 retired: the database opens with k2 alone.
        Run after = AssentJar.run(env(dataDir, "ASSENT_ENCRYPTION_KEYS", k2), "accounts", "create");
        assertThat(after.exitCode()).as(messages(after).toString()).isZero();
        Run withoutK2 = AssentJar.run(env(dataDir, "ASSENT_ENCRYPTION_KEYS", k1), "encryption", "status");
        assertThat(withoutK2.stdout()).contains("key k2: 3 rows (NOT in the configured keys)");
    }
}
