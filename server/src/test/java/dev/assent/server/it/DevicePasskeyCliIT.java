package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code assent device passkey register|login} against the real server (SQLite): the software passkey registers a
 * passkeys factor and logs in through the Passkeys API as a backend would, its key and counter in the state file.
 */
class DevicePasskeyCliIT extends DeviceCliFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDENTITY = "alice-0001";
    private static final String ORIGIN = "https://example.com";

    @BeforeEach
    void passkeysService() {
        Http.Reply updated = http.post(auth, "/v2/Services/" + service, params("Passkeys.RelyingParty.Id", "example.com",
                "Passkeys.RelyingParty.Name", "Example", "Passkeys.RelyingParty.Origins", ORIGIN,
                "Passkeys.AuthenticatorAttachment", "platform", "Passkeys.DiscoverableCredentials", "preferred",
                "Passkeys.UserVerification", "preferred"));
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
    }

    private Path file() {
        return tempDir.resolve("keys").resolve("alice-passkey.json");
    }

    private Run register(String... extra) {
        String[] base = {"passkey", "register", "--file", file().toString(), "--url", server.publicBase(), "--service", service,
            "--identity", IDENTITY, "--account-sid", account.sid().value(), "--auth-token", account.authToken().reveal()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return device(all);
    }

    private Run login(String... extra) {
        String[] base = {"passkey", "login", "--file", file().toString(), "--service", service,
            "--account-sid", account.sid().value(), "--auth-token", account.authToken().reveal()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return device(all);
    }

    private static String sid(String prefix, String text) {
        Matcher m = Pattern.compile(prefix + "[0-9a-f]{32}").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group();
    }

    @Test
    void registersWithPackedAttestationAndLogsInThreeWaysWithAGrowingCounter() throws Exception {
        Run registered = register("--friendly-name", "Alice's laptop", "--attestation", "packed");

        assertThat(registered.exitCode()).as(registered.all()).isZero();
        String factorSid = sid("YF", registered.out());
        assertThat(registered.out()).contains("POST /v2/Services/" + service + "/Passkeys/Factors")
                .contains("POST /v2/Services/" + service + "/Passkeys/VerifyFactor").contains("\"attestationObject\"")
                .contains("HTTP 201").contains("HTTP 200");
        assertThat(registered.err()).contains("Passkeys factor " + factorSid + " is verified.");
        JsonNode factor = backendFactor(IDENTITY, factorSid);
        assertThat(factor.get("status").asText()).isEqualTo("verified");
        assertThat(factor.get("factor_type").asText()).isEqualTo("passkeys");
        assertThat(factor.get("friendly_name").asText()).isEqualTo("Alice's laptop");
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String content = Files.readString(file());
        assertThat(content).doesNotContain(account.authToken().reveal());
        JsonNode state = JSON.readTree(content);
        assertThat(state.at("/registrations/0/factor_sid").asText()).isEqualTo(factorSid);
        assertThat(state.at("/registrations/0/origin").asText()).isEqualTo(ORIGIN);
        String privateKey = state.at("/authenticator/credentials/0/private_key").asText();
        assertThat(privateKey).isNotEmpty();
        assertThat(registered.all()).doesNotContain(privateKey).doesNotContain(account.authToken().reveal());

        Run discoverable = login();
        Run byIdentity = login("--identity", IDENTITY);
        Run byFactor = login("--identity", IDENTITY, "--factor", factorSid, "--url", server.publicBase());

        for (Run run : new Run[] {discoverable, byIdentity, byFactor}) {
            assertThat(run.exitCode()).as(run.all()).isZero();
            String challengeSid = sid("YC", run.out());
            assertThat(run.out()).contains("/Passkeys/ApproveChallenge").contains("\"userHandle\"");
            assertThat(run.err()).contains("Challenge " + challengeSid + " is approved for identity " + IDENTITY
                    + " (factor " + factorSid + ")");
            // Passkeys challenges are visible through the ordinary challenge fetch.
            assertThat(backendStatus(IDENTITY, challengeSid)).isEqualTo("approved");
        }
        assertThat(discoverable.err()).contains("counter 1");
        assertThat(byFactor.err()).contains("counter 3");
        assertThat(JSON.readTree(Files.readString(file())).at("/authenticator/credentials/0/sign_count").asLong()).isEqualTo(3);
    }

    @Test
    void anOriginTheServiceDoesNotAllowIsRefusedAndTheFactorStaysUnverified() throws Exception {
        // login.example.com is within the RP id (the browser signs for it) but not among the service's origins.
        Run run = register("--origin", "https://login.example.com");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("the server refused: 60371");
        String factorSid = sid("YF", run.out());
        assertThat(backendFactor(IDENTITY, factorSid).get("status").asText()).isEqualTo("unverified");
        // the credential was kept (a lost answer must not lose a key), but the entity has no verified passkey to log in with
        assertThat(JSON.readTree(Files.readString(file())).at("/registrations/0/factor_sid").asText()).isEqualTo(factorSid);
        Run login = login("--identity", IDENTITY, "--origin", "https://login.example.com");
        assertThat(login.exitCode()).as(login.all()).isEqualTo(1);
        assertThat(login.out()).doesNotContain("/Passkeys/ApproveChallenge");
    }

    @Test
    void anOriginOutsideTheRpIdIsRefusedByTheSoftwarePasskeyItself() {
        Run run = register("--origin", "https://example.org");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("SecurityError");
        assertThat(run.out()).doesNotContain("/Passkeys/VerifyFactor");
        assertThat(file()).doesNotExist();
    }

    @Test
    void usageMistakesExitTwoBeforeAnyRequest() {
        Run noFile = login();
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("no passkey state");

        Run noCredentials = device("passkey", "register", "--file", file().toString(), "--url", server.publicBase(),
                "--service", service, "--identity", IDENTITY);
        assertThat(noCredentials.exitCode()).isEqualTo(2);
        assertThat(noCredentials.err()).contains("--account-sid");

        Run badAttestation = register("--attestation", "tpm");
        assertThat(badAttestation.exitCode()).isEqualTo(2);
        assertThat(badAttestation.out()).isEmpty();

        Run factorWithoutIdentity = login("--factor", "YF" + "0".repeat(32));
        assertThat(factorWithoutIdentity.exitCode()).isEqualTo(2);
    }
}
