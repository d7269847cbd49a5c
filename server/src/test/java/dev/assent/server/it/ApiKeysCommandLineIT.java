package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.secrets.EncryptionKeys;
import dev.assent.server.AssentServer;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.it.AssentJar.Run;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assent api-keys create|list|delete} with the packaged jar, against a server on the same database. */
class ApiKeysCommandLineIT {

    @TempDir
    Path dataDir;

    private Run run(String... args) throws Exception {
        return AssentJar.run(Map.of("ASSENT_DATA_DIR", dataDir.toString()), args);
    }

    private static String value(String line, String name) {
        assertThat(line).startsWith(name + "=");
        return line.substring(name.length() + 1);
    }

    @Test
    void aKeyCreatedOnTheCommandLineAuthenticatesUntilItIsDeletedThere() throws Exception {
        Run account = run("accounts", "create");
        assertThat(account.exitCode()).as(account.stderr()).isZero();
        String accountSid = value(account.stdout().get(0), "ACCOUNT_SID");

        Run created = run("api-keys", "create", "--account", accountSid, "--friendly-name", "backend");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.stdout()).hasSize(2);
        String sid = value(created.stdout().get(0), "API_KEY_SID");
        String secret = value(created.stdout().get(1), "API_KEY_SECRET");
        assertThat(sid).matches("SK[0-9a-f]{32}");
        assertThat(secret).matches("[A-Za-z0-9]{32}");

        Run listed = run("api-keys", "list", "--account", accountSid);
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout()).hasSize(1);
        assertThat(listed.stdout().get(0)).matches(sid + "\tbackend\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(String.join("\n", listed.stdout())).doesNotContain(secret);

        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty(), Optional.empty());
        try (AssentServer server = AssentServer.start(config.withSettings(ServerSettings.DEFAULTS.withEncryption(EncryptionKeys.forDev(Map.of(), dataDir).keys())),
                TestDatabases.sqlite(dataDir), Clock.systemUTC())) {
            Http http = new Http(server.publicBase());
            String keyAuth = Http.basic(sid, secret);
            assertThat(http.get(keyAuth, "/v2/Services").status()).isEqualTo(200);

            Run deleted = run("api-keys", "delete", "--account", accountSid, sid);
            assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
            assertThat(http.get(keyAuth, "/v2/Services").status()).isEqualTo(401);
        }
        assertThat(run("api-keys", "list", "--account", accountSid).stdout()).isEmpty();
        Run again = run("api-keys", "delete", "--account", accountSid, sid);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.messages()).containsExactly("assent: account " + accountSid + " has no key " + sid);
    }

    @Test
    void anUnknownAccountIsOneLineAndExitTwo() throws Exception {
        String missing = "AC" + "0".repeat(32);
        Run run = run("api-keys", "create", "--account", missing);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.messages()).containsExactly("assent: no account " + missing);
    }
}
