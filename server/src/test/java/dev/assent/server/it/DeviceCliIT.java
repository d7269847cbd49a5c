package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.server.challenge.ChallengeLimits;
import dev.assent.server.config.ServerSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code assent device} against the real server: enroll, list, show, approve, deny, watch, state file, errors. */
class DeviceCliIT extends DeviceCliFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDENTITY = "alice-0001";

    /** {@link #listFollowsNextPageUrl} leaves 55 challenges pending on one factor within a second. */
    @Override
    ServerSettings settings() {
        return ServerSettings.fromEnvironment(Map.of(ChallengeLimits.CREATION_VARIABLE, "100/1h",
                ChallengeLimits.PENDING_PUSH_VARIABLE, "100"), false).withEncryption(encryptionKeys);
    }

    private Path file() {
        return tempDir.resolve("devices").resolve("alice.json");
    }

    @Test
    void enrollsWithAccountCredentialsVerifiesTheFactorAndKeepsSecretsOutOfOutputAndState() throws Exception {
        Run run = device("enroll", "--file", file().toString(), "--url", server.publicBase(), "--service", service,
                "--identity", IDENTITY, "--name", "Alice's terminal", "--account-sid", account.sid().value(),
                "--auth-token", account.authToken().reveal());

        assertThat(run.exitCode()).as(run.all()).isZero();
        String factorSid = factorSid(run);
        assertThat(run.out()).contains("Factor " + factorSid + " is verified.");
        JsonNode factor = backendFactor(IDENTITY, factorSid);
        assertThat(factor.get("status").asText()).isEqualTo("verified");
        assertThat(factor.get("friendly_name").asText()).isEqualTo("Alice's terminal");
        assertThat(factor.get("config").get("notification_platform").asText()).isEqualTo("none");
        assertThat(factor.get("config").get("sdk_version").asText()).isEqualTo("assent-device/0.1");

        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        String content = Files.readString(file());
        JsonNode state = JSON.readTree(content);
        assertThat(state.get("factor_sid").asText()).isEqualTo(factorSid);
        assertThat(state.get("credential_sid").asText()).isEqualTo(factor.get("config").get("credential_sid").asText());
        assertThat(state.get("account_sid").asText()).isEqualTo(account.sid().value());
        assertThat(content).doesNotContain(account.authToken().reveal());
        String privateKey = state.get("private_key").asText();
        assertThat(run.all()).doesNotContain(account.authToken().reveal()).doesNotContain(privateKey);
        try (var files = Files.list(file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("alice.json"); // no temp files left
        }
    }

    @Test
    void enrollWithoutVerifyThenVerify() {
        Run enrolled = device("enroll", "--file", file().toString(), "--url", server.publicBase() + "/v2/", "--service", service,
                "--identity", IDENTITY, "--account-sid", account.sid().value(), "--auth-token", account.authToken().reveal(), "--no-verify");
        assertThat(enrolled.exitCode()).as(enrolled.all()).isZero();
        String factorSid = factorSid(enrolled);
        assertThat(backendFactor(IDENTITY, factorSid).get("status").asText()).isEqualTo("unverified");

        Run verified = device("verify", "--file", file().toString());
        assertThat(verified.exitCode()).as(verified.all()).isZero();
        assertThat(verified.out()).contains("is verified");
        assertThat(backendFactor(IDENTITY, factorSid).get("status").asText()).isEqualTo("verified");
    }

    @Test
    void listsAndShowsAChallengeTheBackendCreated() throws Exception {
        String factorSid = enroll(file(), IDENTITY);
        String challenge = createChallenge(IDENTITY, factorSid, "Login from Firefox on Linux");

        Run list = device("challenges", "--file", file().toString());
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith(challenge + "  pending").contains("Login from Firefox on Linux").contains("expires 20"));
        Run pending = device("challenges", "--file", file().toString(), "--status", "pending");
        assertThat(pending.out()).contains(challenge);
        Run approved = device("challenges", "--file", file().toString(), "--status", "approved");
        assertThat(approved.exitCode()).isZero();
        assertThat(approved.out()).isEmpty();
        assertThat(approved.err()).contains("no approved challenges");

        Run show = device("show", challenge, "--file", file().toString());
        assertThat(show.exitCode()).as(show.all()).isZero();
        assertThat(show.out()).contains("Challenge " + challenge).contains("Status:    pending")
                .contains("Message:   Login from Firefox on Linux").contains("IP: 10.0.0.1").contains("Hidden details:")
                .contains("ip: 10.0.0.1").contains("Expires:   20").contains("Factor:    " + factorSid);

        assertThat(show.out()).doesNotContain("Pushes:");
        Http.Reply push = http.post(auth, entityPath(IDENTITY) + "/Challenges/" + challenge + "/Notifications", params("Ttl", "120"));
        assertThat(push.status()).as(push.raw().body()).isEqualTo(201);
        Run shown = device("show", challenge, "--file", file().toString());
        assertThat(shown.out()).contains("Pushes:    1 (last " + push.text("sid")).contains("ttl 120 s");

        Run json = device("show", "--json", challenge, "--file", file().toString());
        assertThat(JSON.readTree(json.out()).get("details").get("message").asText()).isEqualTo("Login from Firefox on Linux");
        Run listJson = device("challenges", "--json", "--file", file().toString());
        assertThat(JSON.readTree(listJson.out()).get(0).get("sid").asText()).isEqualTo(challenge);
    }

    @Test
    void listFollowsNextPageUrl() {
        String factorSid = enroll(file(), IDENTITY);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 55; i++) { // the device asks for pages of 50
            created.add(createChallenge(IDENTITY, factorSid, "Login " + i));
        }
        Run list = device("challenges", "--file", file().toString());
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out().lines().map(l -> l.substring(0, 34)).toList()).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void approveAndDenyAreWhatTheBackendSees() {
        String factorSid = enroll(file(), IDENTITY);
        String first = createChallenge(IDENTITY, factorSid, "Approve me");
        String second = createChallenge(IDENTITY, factorSid, "Deny me");

        Run approve = device("approve", first, "--file", file().toString());
        assertThat(approve.exitCode()).as(approve.all()).isZero();
        assertThat(approve.out()).contains("Challenge " + first + " is approved.");
        assertThat(backendStatus(IDENTITY, first)).isEqualTo("approved");

        Run deny = device("deny", second, "--file", file().toString());
        assertThat(deny.exitCode()).as(deny.all()).isZero();
        assertThat(deny.out()).contains("Challenge " + second + " is denied.");
        assertThat(backendStatus(IDENTITY, second)).isEqualTo("denied");
    }

    @Test
    void answeringAnAnsweredChallengeExitsOneWith60322() {
        String factorSid = enroll(file(), IDENTITY);
        String challenge = createChallenge(IDENTITY, factorSid, "Once only");
        assertThat(device("approve", challenge, "--file", file().toString()).exitCode()).isZero();

        Run again = device("approve", challenge, "--file", file().toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("60322").contains("already approved");
        Run deny = device("deny", challenge, "--file", file().toString());
        assertThat(deny.exitCode()).isEqualTo(1);
        assertThat(deny.err()).contains("60322");
        assertThat(backendStatus(IDENTITY, challenge)).isEqualTo("approved");
    }

    @Test
    void aChallengeOfAnotherFactorIsRefusedByTheServer() {
        enroll(file(), IDENTITY);
        String otherFactor = enroll(tempDir.resolve("bob.json"), "bob-00000001");
        String challenge = createChallenge("bob-00000001", otherFactor, "Bob's");

        Run run = device("approve", challenge, "--file", file().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("20404");
        assertThat(backendStatus("bob-00000001", challenge)).isEqualTo("pending");
    }

    @Test
    void watchApprovesEveryChallengeCreatedWhileItRuns() throws Exception {
        String factorSid = enroll(file(), IDENTITY);
        OutputCapture out = new OutputCapture();
        OutputCapture err = new OutputCapture();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Run> watch = executor.submit(() -> device(out, err, "watch", "--approve-all", "--max", "2", "--interval", "200ms",
                    "--timeout", "60s", "--file", file().toString()));
            out.awaitContains("Watching factor " + factorSid, Duration.ofSeconds(30));

            String first = createChallenge(IDENTITY, factorSid, "First login");
            String second = createChallenge(IDENTITY, factorSid, "Second login");

            Run run = watch.get(60, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).contains("New challenge " + first).contains("First login").contains("New challenge " + second)
                    .contains("Answered 2 challenge(s); done.");
            assertThat(backendStatus(IDENTITY, first)).isEqualTo("approved");
            assertThat(backendStatus(IDENTITY, second)).isEqualTo("approved");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void watchDenyAllStopsAtItsTimeout() {
        String factorSid = enroll(file(), IDENTITY);
        String challenge = createChallenge(IDENTITY, factorSid, "Deny by rule");
        Run run = device("watch", "--deny-all", "--interval", "100ms", "--timeout", "1s", "--file", file().toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("New challenge " + challenge).contains("-> denied").contains("Timed out after 1000 ms with 1 answer(s).");
        assertThat(backendStatus(IDENTITY, challenge)).isEqualTo("denied");
    }

    @Test
    void aMissingOrCorruptStateFileIsExitTwoWithAClearMessage() throws Exception {
        Path missing = tempDir.resolve("nope.json");
        Run none = device("challenges", "--file", missing.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no device state at " + missing).contains("assent device enroll");

        Path garbage = tempDir.resolve("garbage.json");
        Files.writeString(garbage, "{\"private_key\": \"MIGHAgEAMBMGByqGSM49 secret-ish\", oops");
        Run corrupt = device("show", "YC" + "0".repeat(32), "--file", garbage.toString());
        assertThat(corrupt.exitCode()).isEqualTo(2);
        assertThat(corrupt.err()).contains("unusable device state " + garbage).contains("not valid JSON").doesNotContain("MIGHAgEA");

        enroll(file(), IDENTITY);
        JsonNode state = JSON.readTree(Files.readString(file()));
        Path wrongKey = tempDir.resolve("wrong-key.json");
        Files.writeString(wrongKey, Files.readString(file()).replace(state.get("private_key").asText(), "bm90IGEga2V5"));
        Run badKey = device("challenges", "--file", wrongKey.toString());
        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.err()).contains("not an EC key pair");

        Path otherJson = tempDir.resolve("other.json");
        Files.writeString(otherJson, "{\"hello\": \"world\"}");
        Run other = device("verify", "--file", otherJson.toString());
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("not an assent device state file");
    }

    @Test
    void usageMistakesAreExitTwo() {
        String factorSid = enroll(file(), IDENTITY);
        assertThat(device("show", "YF" + "0".repeat(32), "--file", file().toString()).exitCode()).isEqualTo(2);
        assertThat(device("challenges", "--status", "open", "--file", file().toString()).exitCode()).isEqualTo(2);
        assertThat(device("watch", "--approve-all", "--deny-all", "--file", file().toString()).exitCode()).isEqualTo(2);
        assertThat(device("watch", "--interval", "0s", "--file", file().toString()).exitCode()).isEqualTo(2);
        assertThat(device("approve").exitCode()).isEqualTo(2); // picocli: missing parameter

        Run noCredentials = device("enroll", "--file", tempDir.resolve("x.json").toString(), "--url", server.publicBase(),
                "--service", service, "--identity", IDENTITY);
        assertThat(noCredentials.exitCode()).isEqualTo(2);
        assertThat(noCredentials.err()).contains("--access-token");

        Run exists = device("enroll", "--file", file().toString(), "--url", server.publicBase(), "--service", service,
                "--identity", IDENTITY, "--account-sid", account.sid().value(), "--auth-token", account.authToken().reveal());
        assertThat(exists.exitCode()).isEqualTo(2);
        assertThat(exists.err()).contains("already exists").contains("--force");
        assertThat(device("verify", "--file", file().toString()).out()).contains(factorSid); // the old state is intact
    }

    @Test
    void aWrongAuthTokenIsRefusedByTheServerAndNothingIsSaved() {
        Run run = device("enroll", "--file", file().toString(), "--url", server.publicBase(), "--service", service,
                "--identity", IDENTITY, "--account-sid", account.sid().value(), "--auth-token", "0".repeat(32));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("20003").doesNotContain("0".repeat(32));
        assertThat(file()).doesNotExist();
    }

    @Test
    void thePackagedJarAsksOnTheTerminalAndApprovesOnYes() throws Exception {
        Process enroll = AssentJar.command(Map.of(), "device", "enroll", "--file", file().toString(),
                "--url", server.publicBase(), "--service", service, "--identity", IDENTITY, "--account-sid", account.sid().value(),
                "--auth-token", account.authToken().reveal()).redirectErrorStream(true).start();
        String enrollOutput = new String(enroll.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(enroll.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(enroll.exitValue()).as(enrollOutput).isZero();
        String factorSid = factorSid(new Run(0, enrollOutput, ""));
        String challenge = createChallenge(IDENTITY, factorSid, "Sign in from the terminal");

        Process watch = AssentJar.command(Map.of(), "device", "watch", "--max", "1", "--timeout", "60s",
                "--file", file().toString()).redirectErrorStream(true).start();
        watch.getOutputStream().write("y\n".getBytes(StandardCharsets.UTF_8));
        watch.getOutputStream().close();
        String watchOutput = new String(watch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(watch.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.exitValue()).as(watchOutput).isZero();
        assertThat(watchOutput).contains("Sign in from the terminal").contains("Approve " + challenge + "?").contains("-> approved");
        assertThat(backendStatus(IDENTITY, challenge)).isEqualTo("approved");
    }
}
