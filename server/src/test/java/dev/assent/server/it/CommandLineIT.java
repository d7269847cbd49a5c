package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.secrets.SecretSealer;
import dev.assent.server.secrets.EncryptionKeys;
import dev.assent.server.AssentServer;
import dev.assent.server.it.AssentJar.Run;
import dev.assent.server.storage.Database;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as users run it: {@code accounts create}, token rotation and account administration,
 * {@code serve} refusing to guess, {@code dev}.
 */
class CommandLineIT {

    @TempDir
    Path dataDir;

    @Test
    void accountsCreatePrintsExactlyTwoLinesScriptsCanRead() throws Exception {
        Run run = AssentJar.run(Map.of("ASSENT_DATA_DIR", dataDir.toString()), "accounts", "create");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).hasSize(2);
        assertThat(run.stdout().get(0)).matches("ACCOUNT_SID=AC[0-9a-f]{32}");
        assertThat(run.stdout().get(1)).matches("AUTH_TOKEN=[0-9a-f]{32}");
        Run second = AssentJar.run(Map.of("ASSENT_DATA_DIR", dataDir.toString()), "accounts", "create");
        assertThat(second.stdout().get(0)).isNotEqualTo(run.stdout().get(0));
    }

    @Test
    void accountsRotateListDisableAndEnableFromTheCommandLine() throws Exception {
        Map<String, String> env = Map.of("ASSENT_DATA_DIR", dataDir.toString());
        Run created = AssentJar.run(env, "accounts", "create");
        String sid = created.stdout().get(0).substring("ACCOUNT_SID=".length());
        String primary = created.stdout().get(1).substring("AUTH_TOKEN=".length());

        Run rotated = AssentJar.run(env, "accounts", "rotate-token", "--account", sid);
        assertThat(rotated.exitCode()).as(rotated.stderr()).isZero();
        assertThat(rotated.stdout()).hasSize(1);
        assertThat(rotated.stdout().get(0)).matches("SECONDARY_AUTH_TOKEN=[0-9a-f]{32}");
        String secondary = rotated.stdout().get(0).substring("SECONDARY_AUTH_TOKEN=".length());
        assertThat(accepts(sid, primary)).isTrue();
        assertThat(accepts(sid, secondary)).isTrue();

        Run again = AssentJar.run(env, "accounts", "rotate-token", "--account", sid);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("already has a secondary auth token").doesNotContain(secondary);
        assertThat(accepts(sid, secondary)).as("the refused rotation changed nothing").isTrue();

        Run promoted = AssentJar.run(env, "accounts", "rotate-token", "--account", sid, "--promote");
        assertThat(promoted.exitCode()).as(promoted.stderr()).isZero();
        assertThat(promoted.stdout()).containsExactly("AUTH_TOKEN=" + secondary);
        assertThat(accepts(sid, primary)).as("the old primary after promotion").isFalse();
        assertThat(accepts(sid, secondary)).isTrue();
        assertThat(AssentJar.run(env, "accounts", "rotate-token", "--account", sid, "--promote").exitCode()).as("nothing to promote").isEqualTo(1);

        assertThat(AssentJar.run(env, "accounts", "list").stdout()).singleElement().asString().matches(sid + "\\tactive\\t\\d{4}-.*Z");
        assertThat(AssentJar.run(env, "accounts", "disable", "--account", sid).exitCode()).isZero();
        assertThat(AssentJar.run(env, "accounts", "list").stdout()).singleElement().asString().startsWith(sid + "\tdisabled\t");
        assertThat(AssentJar.run(env, "accounts", "enable", "--account", sid).exitCode()).isZero();
        assertThat(AssentJar.run(env, "accounts", "list").stdout()).singleElement().asString().startsWith(sid + "\tactive\t");

        Run unknown = AssentJar.run(env, "accounts", "disable", "--account", "AC" + "0".repeat(32));
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("was not found");
        Run malformed = AssentJar.run(env, "accounts", "enable", "--account", "nope");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.stderr()).contains("--account nope is not an account SID");
    }

    /** Whether the database the jar wrote accepts this token for the account (read after the process ended). */
    private boolean accepts(String sid, String token) {
        try (Database database = TestDatabases.sqlite(dataDir)) {
            // The jar, with no keys in its environment, sealed with the data directory's dev key file.
            SecretSealer sealer = AssentServer.openSecrets(database, EncryptionKeys.forDev(Map.of(), dataDir).keys());
            return AssentServer.accounts(database, Clock.systemUTC(), sealer).authenticate(sid, token).isPresent();
        }
    }

    @Test
    void serveRefusesToStartWithoutExplicitConfiguration() throws Exception {
        Run noDatabase = AssentJar.run(Map.of("ASSENT_PUBLIC_URL", "http://127.0.0.1:1"), "serve");
        assertThat(noDatabase.exitCode()).isEqualTo(2);
        assertThat(noDatabase.stderr()).contains("ASSENT_DATABASE_URL").doesNotContain("at dev.assent");
        Run noPublicUrl = AssentJar.run(Map.of("ASSENT_DATA_DIR", dataDir.toString()), "serve");
        assertThat(noPublicUrl.exitCode()).isEqualTo(2);
        assertThat(noPublicUrl.stderr()).contains("ASSENT_PUBLIC_URL");
    }

    @Test
    void aBadLimitIsOneLineNamingTheVariableAndExitTwo() throws Exception {
        Run bad = AssentJar.run(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PORT", "0",
                "ASSENT_LIMIT_CHALLENGE_CREATION", "50 per hour"), "dev");
        assertThat(bad.exitCode()).as(bad.stderr()).isEqualTo(2);
        assertThat(bad.messages())
                .containsExactly("assent: invalid ASSENT_LIMIT_CHALLENGE_CREATION='50 per hour': expected 'off' or limits like "
                        + "50/1h,100/24h (count/window, window in s, m, h or d)");
        assertThat(bad.stderr()).doesNotContain("at dev.assent");
    }

    @Test
    void devModeServesWithTheFixedCredentialsAndPrintsThem() throws Exception {
        int port = AssentJar.freePort();
        String sid = "AC" + "0123456789abcdef".repeat(2);
        String token = "fedcba9876543210fedcba9876543210";
        Path out = dataDir.resolve("dev.out");
        Process process = AssentJar.command(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PORT", Integer.toString(port),
                "ASSENT_ACCOUNT_SID", sid, "ASSENT_AUTH_TOKEN", token), "dev")
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/Services"))
                    .header("Authorization", Http.basic(sid, token)).build();
            HttpResponse<String> response = AssentJar.awaitAnswer(process, request, answered -> true, Duration.ofSeconds(60));
            assertThat(response).as("dev server answered").isNotNull();
            assertThat(response.statusCode()).isEqualTo(200);
            // The port opens just before the banner is printed: wait for it with a deadline.
            String banner = AssentJar.awaitOutput(out, "Auth Token", Duration.ofSeconds(60));
            assertThat(banner).contains("http://127.0.0.1:" + port).contains("Account SID: " + sid).contains("Auth Token:  " + token)
                    .contains("Created the encryption key file " + dataDir.resolve("encryption.keys"));
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
