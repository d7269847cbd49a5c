package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in the developer console, in a real browser: Debian's headless Chromium with a virtual
 * WebAuthn authenticator (ChromeDriver's, through Selenium's {@code HasVirtualAuthenticator}: no
 * hardware), against the real server on port 0 opened at {@code http://localhost:<port>} — a secure
 * context whose host can be the relying party id, unlike {@code 127.0.0.1}.
 *
 * <p>The page runs the ceremonies with the browser's own {@code navigator.credentials.create/get},
 * through the Passkeys API as a backend would; this test checks the outcome through the API (factor
 * verified, challenge approved, by whom), in the authenticator (a resident credential for
 * {@code localhost} carrying the user handle the server chose), and in what the page showed of each step.
 * Screenshots land in {@code target/console-screenshots/}.
 */
class ConsolePasskeyBrowserIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tempDir;

    static ConsoleBrowser browser;
    static Http http;
    static String auth;
    /** The console as a developer opens it for passkeys: {@code http://localhost:<port>}. */
    static String origin;

    VirtualAuthenticator authenticator;

    @BeforeAll
    static void start() throws IOException {
        browser = ConsoleBrowser.start(tempDir, 1440, 1400);
        http = browser.http;
        auth = browser.auth;
        origin = "http://localhost:" + browser.server.port();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshTabAndAuthenticator() {
        // A platform authenticator that holds resident (discoverable) credentials and verifies its user,
        // as a phone or laptop with a fingerprint reader does; a new one, empty, for each test.
        authenticator = browser.driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
        browser.open(origin);
        browser.severeBrowserLogs(); // reading drains them: each test sees only its own
    }

    @AfterEach
    void removeAuthenticator() {
        if (authenticator != null) {
            browser.driver.removeVirtualAuthenticator(authenticator);
        }
    }

    @Test
    void createsAPasskeyAndSignsInWithItWithoutNamingTheUser() throws IOException {
        long started = System.nanoTime();
        String service = createService("Example Bank");
        browser.signIn();
        browser.click(By.cssSelector("#services button[data-sid='" + service + "']"));

        // A fresh service has no passkey settings: the console says so and offers to use itself.
        assertThat(browser.visible(By.id("passkey-readiness")).getAttribute("data-ready")).isEqualTo("false");
        assertThat(browser.text(By.id("passkey-readiness"))).contains("no passkey settings");
        assertThat(browser.driver.findElement(By.id("passkey-move")).isDisplayed()).isFalse();
        browser.click(By.id("use-console-origin"));
        awaitCeremony("ok");
        browser.wait.until(d -> "true".equals(d.findElement(By.id("passkey-readiness")).getAttribute("data-ready")));
        JsonNode settings = http.get(auth, "/v2/Services/" + service).json().get("passkeys");
        assertThat(settings.get("relying_party").get("id").asText()).isEqualTo("localhost");
        assertThat(settings.get("relying_party").get("name").asText()).isEqualTo("Example Bank");
        assertThat(settings.get("relying_party").get("origins")).containsExactly(JSON.getNodeFactory().textNode(origin));
        assertThat(settings.get("authenticator_attachment").asText()).isEqualTo("any");
        assertThat(settings.get("discoverable_credentials").asText()).isEqualTo("required");
        assertThat(settings.get("user_verification").asText()).isEqualTo("preferred");

        // Registration: three steps, each shown with its JSON.
        browser.type(By.id("passkey-identity"), "alice-0001");
        browser.type(By.id("passkey-name"), "Chromium passkey");
        browser.click(By.id("create-passkey"));
        awaitCeremony("ok");
        List<List<JsonNode>> registration = ceremonySteps();
        assertThat(registration).hasSize(3);
        assertThat(stepStates()).containsExactly("ok", "ok", "ok");
        JsonNode created = registration.get(0).get(1);
        assertThat(registration.get(0).get(0)).isEqualTo(JSON.readTree("{\"friendly_name\":\"Chromium passkey\",\"identity\":\"alice-0001\"}"));
        assertThat(created.get("status").asText()).isEqualTo("unverified");
        JsonNode creation = created.get("options").get("publicKey");
        assertThat(creation.get("rp").get("id").asText()).isEqualTo("localhost");
        JsonNode credentialJson = registration.get(1).get(1);
        assertThat(credentialJson.get("type").asText()).isEqualTo("public-key");
        assertThat(credentialJson.get("rawId").asText()).isEqualTo(credentialJson.get("id").asText()).doesNotContain("=", "+", "/");
        JsonNode clientData = registration.get(1).get(2);
        assertThat(clientData.get("type").asText()).isEqualTo("webauthn.create");
        assertThat(clientData.get("origin").asText()).isEqualTo(origin);
        assertThat(base64url(clientData.get("challenge").asText())).isEqualTo(base64url(creation.get("challenge").asText()));
        assertThat(registration.get(2).get(0)).isEqualTo(credentialJson);
        assertThat(registration.get(2).get(1).get("status").asText()).isEqualTo("verified");
        browser.screenshot("passkey-01-registered.png");

        // The API: one verified passkeys factor for the entity the console created on first use.
        String factorSid = created.get("sid").asText();
        String entity = ApiFixture.entityPath(service, "alice-0001");
        JsonNode factor = http.get(auth, entity + "/Factors/" + factorSid).json();
        assertThat(factor.get("status").asText()).isEqualTo("verified");
        assertThat(factor.get("factor_type").asText()).isEqualTo("passkeys");
        assertThat(factor.get("friendly_name").asText()).isEqualTo("Chromium passkey");
        String entitySid = http.get(auth, entity).text("sid");
        browser.visible(By.cssSelector("#factors tr[data-factor-sid='" + factorSid + "'] .badge[data-status='verified']"));

        // The authenticator: a discoverable credential for localhost, holding the server's user handle.
        List<Credential> held = authenticator.getCredentials();
        assertThat(held).hasSize(1);
        Credential credential = held.get(0);
        assertThat(credential.isResidentCredential()).isTrue();
        assertThat(credential.getRpId()).isEqualTo("localhost");
        assertThat(credential.getId()).isEqualTo(base64url(credentialJson.get("id").asText()));
        assertThat(credential.getUserHandle()).isEqualTo(base64url(creation.get("user").get("id").asText()));
        int countAfterRegistration = credential.getSignCount();

        // Sign-in without naming anyone: an empty challenge request, the browser picks the passkey.
        browser.click(By.id("passkey-sign-in"));
        awaitCeremony("ok");
        List<List<JsonNode>> login = ceremonySteps();
        assertThat(login).hasSize(3);
        assertThat(stepStates()).containsExactly("ok", "ok", "ok");
        assertThat(login.get(0).get(0)).isEqualTo(JSON.readTree("{}"));
        JsonNode challenge = login.get(0).get(1);
        assertThat(challenge.get("status").asText()).isEqualTo("pending");
        JsonNode request = challenge.get("options").get("publicKey");
        assertThat(request.path("allowCredentials").size()).as("a discoverable request names no credential").isZero();
        JsonNode assertion = login.get(1).get(1);
        assertThat(assertion.get("id").asText()).isEqualTo(credentialJson.get("id").asText());
        assertThat(base64url(assertion.get("response").get("userHandle").asText())).isEqualTo(credential.getUserHandle());
        assertThat(login.get(1).get(2).get("type").asText()).isEqualTo("webauthn.get");
        assertThat(login.get(1).get(2).get("origin").asText()).isEqualTo(origin);
        JsonNode approved = login.get(2).get(1);
        assertThat(approved.get("status").asText()).isEqualTo("approved");
        assertThat(browser.text(By.id("ceremony-summary"))).contains("Signed in as alice-0001");
        browser.visible(By.cssSelector("#entities button[data-identity='alice-0001'].selected"));
        browser.screenshot("passkey-02-signed-in.png");

        // The API: the challenge is approved, by that user's factor, and visible in the ordinary fetch.
        String challengeSid = challenge.get("sid").asText();
        JsonNode fetched = http.get(auth, entity + "/Challenges/" + challengeSid).json();
        assertThat(fetched.get("status").asText()).isEqualTo("approved");
        assertThat(fetched.get("factor_type").asText()).isEqualTo("passkeys");
        assertThat(fetched.get("factor_sid").asText()).isEqualTo(factorSid);
        assertThat(fetched.get("entity_sid").asText()).isEqualTo(entitySid);
        assertThat(authenticator.getCredentials().get(0).getSignCount()).isGreaterThan(countAfterRegistration);

        // And by the factor's own button: a challenge naming identity and factor, allowCredentials = it.
        browser.click(By.cssSelector("#factors tr[data-factor-sid='" + factorSid + "'] button.passkey-sign-in"));
        awaitCeremony("ok");
        List<List<JsonNode>> named = ceremonySteps();
        assertThat(named.get(0).get(0)).isEqualTo(JSON.readTree("{\"identity\":\"alice-0001\",\"factor_sid\":\"" + factorSid + "\"}"));
        JsonNode allowed = named.get(0).get(1).get("options").get("publicKey").get("allowCredentials");
        assertThat(allowed).hasSize(1);
        assertThat(base64url(allowed.get(0).get("id").asText())).isEqualTo(credential.getId());
        assertThat(http.get(auth, entity + "/Challenges/" + named.get(0).get(1).get("sid").asText()).text("status")).isEqualTo("approved");
        browser.screenshot("passkey-03-signed-in-by-factor.png");

        assertThat(browser.severeBrowserLogs()).as("browser console errors (CSP violations, script errors, failed requests)").isEmpty();
        System.out.printf("ConsolePasskeyBrowserIT: settings + register + 2 sign-ins took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A service whose origins do not list this console: the browser makes a credential (it only knows
     * the RP id), but the server refuses it with a Twilio error the page shows, and nothing changes —
     * the factor stays unverified, and a sign-in finds nothing to approve.
     */
    @Test
    void aServiceThatDoesNotListThisOriginRefusesTheCredentialAndNothingChanges() throws IOException {
        String service = createService("Elsewhere Ltd");
        Http.Reply updated = http.post(auth, "/v2/Services/" + service, ApiFixture.params(
                "Passkeys.RelyingParty.Id", "localhost",
                "Passkeys.RelyingParty.Name", "Elsewhere Ltd",
                "Passkeys.RelyingParty.Origins", "https://localhost", // same host, another origin
                "Passkeys.AuthenticatorAttachment", "any",
                "Passkeys.DiscoverableCredentials", "required",
                "Passkeys.UserVerification", "preferred"));
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        browser.signIn();
        browser.click(By.cssSelector("#services button[data-sid='" + service + "']"));
        browser.wait.until(d -> browser.text(By.id("passkey-readiness")).contains("do not include this console"));

        browser.type(By.id("passkey-identity"), "mallory-7");
        browser.click(By.id("create-passkey"));
        awaitCeremony("error");
        assertThat(stepStates()).containsExactly("ok", "ok", "error");
        List<List<JsonNode>> steps = ceremonySteps();
        JsonNode refusal = steps.get(2).get(1);
        assertThat(refusal.get("status").asInt()).isBetween(400, 499);
        assertThat(refusal.get("code").asInt()).as("Twilio's 60371: origin not allowed").isEqualTo(60371);
        assertThat(refusal.get("more_info").asText()).startsWith("https://");
        assertThat(steps.get(1).get(2).get("origin").asText()).isEqualTo(origin);
        browser.screenshot("passkey-04-wrong-origin.png");

        String factorSid = steps.get(0).get(1).get("sid").asText();
        String entity = ApiFixture.entityPath(service, "mallory-7");
        assertThat(http.get(auth, entity + "/Factors/" + factorSid).text("status")).isEqualTo("unverified");
        assertThat(authenticator.getCredentials()).hasSize(1);

        // Signing in with that credential is refused as well; the challenge stays pending.
        browser.click(By.id("passkey-sign-in"));
        awaitCeremony("error");
        assertThat(stepStates()).containsExactly("ok", "ok", "error");
        JsonNode loginRefusal = ceremonySteps().get(2).get(1);
        assertThat(loginRefusal.get("status").asInt()).isBetween(400, 499);
        assertThat(loginRefusal.get("code").asInt()).as("origin not allowed, or a credential not acceptable").isIn(60371, 60376);
        JsonNode challenges = http.get(auth, entity + "/Challenges").json().get("challenges");
        for (JsonNode c : challenges) {
            assertThat(c.get("status").asText()).as(c.toString()).isNotEqualTo("approved");
        }
        assertThat(http.get(auth, entity + "/Factors/" + factorSid).text("status")).isEqualTo("unverified");

        // The console's own fix: use this console, and the same ceremony succeeds.
        browser.click(By.id("use-console-origin"));
        awaitCeremony("ok");
        JsonNode origins = http.get(auth, "/v2/Services/" + service).json().get("passkeys").get("relying_party").get("origins");
        assertThat(origins).extracting(JsonNode::asText).containsExactly("https://localhost", origin);
        browser.click(By.id("create-passkey"));
        awaitCeremony("ok");
        String second = ceremonySteps().get(0).get(1).get("sid").asText();
        assertThat(http.get(auth, entity + "/Factors/" + second).text("status")).isEqualTo("verified");
        assertThat(http.get(auth, entity + "/Factors/" + factorSid).text("status")).isEqualTo("unverified");
    }

    /**
     * At {@code 127.0.0.1} — a secure context, but an IP address can never be an RP id — the console
     * points to its localhost address, and a sign-in there fails in the browser before any assertion
     * exists: the challenge stays pending.
     */
    @Test
    void atAnIpAddressTheConsolePointsToLocalhostAndTheBrowserRefusesTheRelyingParty() throws IOException {
        String service = createService("Loopback Inc");
        browser.open(origin);
        browser.signIn();
        browser.click(By.cssSelector("#services button[data-sid='" + service + "']"));
        browser.click(By.id("use-console-origin"));
        awaitCeremony("ok");
        browser.type(By.id("passkey-identity"), "bob-00042");
        browser.click(By.id("create-passkey"));
        awaitCeremony("ok");
        assertThat(authenticator.getCredentials()).hasSize(1);
        int count = authenticator.getCredentials().get(0).getSignCount();

        String ip = browser.server.publicBase();
        assertThat(ip).startsWith("http://127.0.0.1:");
        browser.open(ip);
        browser.signIn();
        browser.click(By.cssSelector("#services button[data-sid='" + service + "']"));
        WebElement link = browser.visible(By.id("passkey-localhost-link"));
        assertThat(link.getAttribute("href")).isEqualTo(origin + "/console#" + service);
        assertThat(browser.text(By.id("passkey-readiness"))).contains("IP address 127.0.0.1");
        assertThat(browser.driver.findElement(By.id("use-console-origin")).isDisplayed()).isFalse();
        browser.screenshot("passkey-05-ip-address.png");

        browser.click(By.id("passkey-sign-in"));
        awaitCeremony("error");
        assertThat(stepStates()).containsExactly("ok", "error");
        assertThat(browser.text(By.cssSelector("#ceremony-steps li[data-step='2'] .failure"))).contains("SecurityError");
        // The page never got an assertion, so it posted none: two steps, and the authenticator signed nothing.
        assertThat(authenticator.getCredentials().get(0).getSignCount()).isEqualTo(count);
        JsonNode challenges = http.get(auth, ApiFixture.entityPath(service, "bob-00042") + "/Challenges").json().get("challenges");
        assertThat(challenges).noneMatch(c -> c.get("status").asText().equals("approved"));
    }

    /** The page's base64url codec against Java's, on the bytes where the two alphabets differ. */
    @Test
    void pageDecodesBase64urlAndStandardBase64AndEncodesUnpaddedBase64url() {
        List<byte[]> samples = new ArrayList<>();
        samples.add(new byte[0]);
        samples.add(new byte[] {(byte) 0xfb, (byte) 0xff, (byte) 0xbf}); // +/+/ vs -_-_
        samples.add("YF048d1a7ec3a2a6970059c2766bbc7e0f".getBytes(StandardCharsets.US_ASCII));
        SecureRandom random = new SecureRandom();
        for (int length = 1; length <= 40; length += 3) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            samples.add(bytes);
        }
        for (byte[] bytes : samples) {
            String url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String standard = Base64.getEncoder().encodeToString(bytes);
            Object result = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "import('/console/passkey.js').then(m => done({"
                    + "  url: Array.from(m.fromBase64url(arguments[0])), std: Array.from(m.fromBase64url(arguments[1])),"
                    + "  back: m.toBase64url(m.fromBase64url(arguments[1]))}), e => done(String(e)));", url, standard);
            assertThat(result).as(url).isInstanceOf(Map.class);
            Map<?, ?> map = (Map<?, ?>) result;
            assertThat(bytes(map.get("url"))).as(url).isEqualTo(bytes);
            assertThat(bytes(map.get("std"))).as(standard).isEqualTo(bytes);
            assertThat(map.get("back")).isEqualTo(url);
        }
        for (String bad : new String[] {"a", "ab cd", "ab%d", "abc=d", "abcd==="}) {
            Object refused = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "import('/console/passkey.js').then(m => { try { m.fromBase64url(arguments[0]); done('accepted'); }"
                    + " catch (e) { done(e.name); } });", bad);
            assertThat(refused).as(bad).isEqualTo("TypeError");
        }
        // The spec example's lone pubKeyCredParams object becomes WebAuthn's list.
        Object params = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/console/passkey.js').then(m => done(m.creationOptions({publicKey: {rp: {id: 'localhost', name: 'x'},"
                + " user: {id: 'WUU0', name: 'n', displayName: 'n'}, challenge: 'WUYw', pubKeyCredParams: {type: 'public-key', alg: -7}}})"
                + " .publicKey.pubKeyCredParams));");
        assertThat(params).isEqualTo(List.of(Map.of("type", "public-key", "alg", -7L)));
    }

    // ---- Steps

    private static String createService(String name) {
        Http.Reply reply = http.post(auth, "/v2/Services", ApiFixture.params("FriendlyName", name));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.text("sid");
    }
    private static void awaitCeremony(String outcome) {
        browser.wait.until(d -> {
            String status = d.findElement(By.id("ceremony-result")).getAttribute("data-status");
            return "ok".equals(status) || "error".equals(status) ? status : null;
        });
        assertThat(browser.driver.findElement(By.id("ceremony-result")).getAttribute("data-status"))
                .as("ceremony outcome: %s%n%s", browser.text(By.id("ceremony-summary")), browser.driver.executeScript(
                        "return document.getElementById('ceremony-steps').textContent")).isEqualTo(outcome);
    }

    /** Each step's JSON blocks, in order, as the page shows them. */
    private static List<List<JsonNode>> ceremonySteps() throws IOException {
        @SuppressWarnings("unchecked")
        List<List<String>> texts = (List<List<String>>) browser.driver.executeScript("return [...document.querySelectorAll('#ceremony-steps > li')]"
                + ".map(li => [...li.querySelectorAll('pre')].map(p => p.textContent))");
        List<List<JsonNode>> steps = new ArrayList<>();
        for (List<String> step : texts) {
            List<JsonNode> blocks = new ArrayList<>();
            for (String block : step) {
                blocks.add(JSON.readTree(block));
            }
            steps.add(blocks);
        }
        return steps;
    }

    @SuppressWarnings("unchecked")
    private static List<String> stepStates() {
        return (List<String>) browser.driver.executeScript("return [...document.querySelectorAll('#ceremony-steps > li')].map(li => li.dataset.state)");
    }

    private static byte[] base64url(String value) {
        return Base64.getUrlDecoder().decode(value);
    }

    private static byte[] bytes(Object list) {
        List<?> values = (List<?>) list;
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).byteValue();
        }
        return out;
    }
}
