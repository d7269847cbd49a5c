package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The account credentials of {@code assent device enroll} and {@code assent device passkey register}, the one
 * option set both share ({@code AccountCredentialOptions}): taken from {@code ASSENT_ACCOUNT_SID} /
 * {@code ASSENT_AUTH_TOKEN} when no flag names them (the packaged jar, its environment set), a flag winning over
 * its variable, and the usage errors (access token together with account credentials, a malformed account SID)
 * refused before any request: no state file, no entity on the server.
 */
class DeviceCliCredentialsIT extends DeviceCliFixture {

    private static final String IDENTITY = "dana-0001";

    @Test
    void bothCommandsTakeTheCredentialsFromTheEnvironmentAndAFlagWinsOverItsVariable() throws Exception {
        Http.Reply passkeys = http.post(auth, "/v2/Services/" + service, params("Passkeys.RelyingParty.Id", "example.com",
                "Passkeys.RelyingParty.Name", "Example", "Passkeys.RelyingParty.Origins", "https://example.com",
                "Passkeys.AuthenticatorAttachment", "platform", "Passkeys.DiscoverableCredentials", "preferred",
                "Passkeys.UserVerification", "preferred"));
        assertThat(passkeys.status()).as(passkeys.raw().body()).isEqualTo(200);
        Map<String, String> env = Map.of("ASSENT_ACCOUNT_SID", account.sid().value(), "ASSENT_AUTH_TOKEN", account.authToken().reveal());

        String enrolled = jar(env, "device", "enroll", "--file", tempDir.resolve("push.json").toString(), "--url", server.publicBase(),
                "--service", service, "--identity", IDENTITY);
        String pushFactor = factorSid(new Run(0, enrolled, ""));
        assertThat(backendFactor(IDENTITY, pushFactor).get("status").asText()).isEqualTo("verified");
        assertThat(enrolled).doesNotContain(account.authToken().reveal());

        String registered = jar(env, "device", "passkey", "register", "--file", tempDir.resolve("passkey.json").toString(),
                "--url", server.publicBase(), "--service", service, "--identity", IDENTITY);
        assertThat(registered).contains("is verified.").doesNotContain(account.authToken().reveal());
        String passkeyFactor = registered.lines().filter(l -> l.startsWith("Passkeys factor ")).findFirst().orElseThrow()
                .split(" ")[2];
        assertThat(backendFactor(IDENTITY, passkeyFactor).get("factor_type").asText()).isEqualTo("passkeys");

        // A wrong token in the environment, the right one as a flag: the flag is used.
        Map<String, String> wrongEnv = Map.of("ASSENT_ACCOUNT_SID", account.sid().value(), "ASSENT_AUTH_TOKEN", "0".repeat(32));
        String flagged = jar(wrongEnv, "device", "enroll", "--file", tempDir.resolve("flagged.json").toString(),
                "--url", server.publicBase(), "--service", service, "--identity", IDENTITY, "--no-verify",
                "--auth-token", account.authToken().reveal());
        assertThat(backendFactor(IDENTITY, factorSid(new Run(0, flagged, ""))).get("status").asText()).isEqualTo("unverified");
    }

    @Test
    void anAccessTokenWithAccountCredentialsOrAMalformedAccountSidIsRefusedBeforeAnyRequest() {
        Path push = tempDir.resolve("push.json");
        Run both = device("enroll", "--file", push.toString(), "--url", server.publicBase(), "--service", service,
                "--identity", IDENTITY, "--access-token", "some-token", "--account-sid", account.sid().value());
        assertThat(both.exitCode()).as(both.all()).isEqualTo(2);
        assertThat(both.err()).contains("use either --access-token, or --account-sid with --auth-token, not both");

        Run malformed = device("enroll", "--file", push.toString(), "--url", server.publicBase(), "--service", service,
                "--identity", IDENTITY, "--account-sid", "AC123", "--auth-token", account.authToken().reveal());
        assertThat(malformed.exitCode()).as(malformed.all()).isEqualTo(2);
        assertThat(malformed.err()).contains("the account SID must be AC followed by 32 hex digits");

        Path passkey = tempDir.resolve("passkey.json");
        Run passkeyMalformed = device("passkey", "register", "--file", passkey.toString(), "--url", server.publicBase(),
                "--service", service, "--identity", IDENTITY, "--account-sid", "AC123", "--auth-token", account.authToken().reveal());
        assertThat(passkeyMalformed.exitCode()).as(passkeyMalformed.all()).isEqualTo(2);
        assertThat(passkeyMalformed.err()).contains("the account SID must be AC followed by 32 hex digits");
        assertThat(passkeyMalformed.out()).as("no request was printed").isEmpty();

        assertThat(push).doesNotExist();
        assertThat(passkey).doesNotExist();
        assertThat(http.get(auth, entityPath(IDENTITY)).status()).as("no entity was created").isEqualTo(404);
    }

    /** {@code java -jar assent.jar args…} with exactly {@code env} as its {@code ASSENT_*}; must exit 0; its output. */
    private static String jar(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process process = AssentJar.command(env, args).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("assent %s ended", String.join(" ", args)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
