package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.account.Account;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The developer console in a real browser: Debian's headless Chromium, driven through Debian's
 * ChromeDriver (both installed by {@code bin/ensure-chromium}), against the real server on port 0.
 *
 * <p>The scenario is the one a developer lives through: sign in with the account credentials, add a
 * browser-held push device, then a backend (this test, over HTTP with account auth, as the official
 * SDK does) creates challenges that the page shows without a reload and the developer approves or
 * denies them there, the browser signing as the device. Screenshots land in
 * {@code target/console-screenshots/}.
 */
class ConsoleBrowserIT {

    @TempDir
    static Path tempDir;

    static ConsoleBrowser browser;
    static Http http;
    static String auth;

    @BeforeAll
    static void start() throws IOException {
        browser = ConsoleBrowser.start(tempDir, 1440, 960);
        http = browser.http;
        auth = browser.auth;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshTab() {
        // Each test starts signed out: credentials live in sessionStorage only.
        browser.open(browser.server.publicBase());
        browser.severeBrowserLogs(); // reading drains them: each test sees only its own
    }

    @Test
    void approveAndDenyPushChallengesFromABrowserHeldDevice() throws IOException {
        long started = System.nanoTime();
        String service = http.post(auth, "/v2/Services", ApiFixture.params("FriendlyName", "Example Bank")).text("sid");
        browser.signIn();
        assertThat(storedCredentials()).contains(browser.account.sid().value());

        // Add a browser-held device for service + identity.
        browser.click(By.cssSelector("#services button[data-sid='" + service + "']"));
        WebElement identity = browser.visible(By.id("device-identity"));
        identity.clear();
        identity.sendKeys("user-0001");
        WebElement name = browser.driver.findElement(By.id("device-name"));
        name.clear();
        name.sendKeys("Chromium on CI");
        browser.click(By.id("add-device"));
        WebElement factorRow = browser.visible(By.cssSelector("#factors tr[data-browser='true']"));
        String factorSid = factorRow.getAttribute("data-factor-sid");
        browser.visible(By.cssSelector("#factors tr[data-factor-sid='" + factorSid + "'] .badge[data-status='verified']"));
        browser.visible(By.cssSelector("#entities button[data-identity='user-0001'].selected"));

        // The backend sees a verified push factor, created with the console's config.
        String entity = ApiFixture.entityPath(service, "user-0001");
        JsonNode factor = http.get(auth, entity + "/Factors/" + factorSid).json();
        assertThat(factor.get("status").asText()).isEqualTo("verified");
        assertThat(factor.get("factor_type").asText()).isEqualTo("push");
        assertThat(factor.get("friendly_name").asText()).isEqualTo("Chromium on CI");
        assertThat(factor.get("config").get("app_id").asText()).isEqualTo("assent-console");
        assertThat(factor.get("config").get("sdk_version").asText()).isEqualTo("assent-console/0.1");
        assertThat(factor.get("config").get("notification_platform").asText()).isEqualTo("none");
        // The private key stays in IndexedDB as a non-extractable CryptoKey.
        assertThat(storedKey(factorSid)).isEqualTo(Map.of("type", "private", "extractable", false, "curve", "P-256",
                "credentialSid", factor.get("config").get("credential_sid").asText()));
        browser.screenshot("01-enrolled.png");

        // A backend creates a challenge: it appears without a reload, and Approve answers it as the device.
        String first = createChallenge(entity, factorSid, "Sign in to Example Bank",
                "{\"label\":\"Location\",\"value\":\"Lisbon, PT\"}", "{\"label\":\"IP\",\"value\":\"203.0.113.7\"}");
        WebElement pending = browser.visible(challengeRow(first, "pending"));
        assertThat(pending.getText()).contains("Sign in to Example Bank", "Location", "Lisbon, PT", "203.0.113.7");
        browser.screenshot("02-pending.png");
        browser.click(By.cssSelector("#challenges tr[data-challenge-sid='" + first + "'] button.approve"));
        browser.wait.until(d -> "approved".equals(challengeStatus(entity, first)));
        browser.visible(challengeRow(first, "approved"));
        browser.screenshot("03-approved.png");

        // A second challenge, denied.
        String second = createChallenge(entity, factorSid, "Transfer 250.00 EUR to J. Doe",
                "{\"label\":\"Amount\",\"value\":\"250.00 EUR\"}");
        browser.visible(challengeRow(second, "pending"));
        browser.click(By.cssSelector("#challenges tr[data-challenge-sid='" + second + "'] button.deny"));
        browser.wait.until(d -> "denied".equals(challengeStatus(entity, second)));
        browser.visible(challengeRow(second, "denied"));
        assertThat(challengeStatus(entity, first)).isEqualTo("approved");
        browser.screenshot("04-denied.png");

        assertThat(browser.severeBrowserLogs()).as("browser console errors (CSP violations, script errors, failed requests)").isEmpty();
        System.out.printf("ConsoleBrowserIT: enroll + approve + deny scenario took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void helpersCreateAServiceSurviveAReloadSendATestChallengeAndDeleteADevice() {
        browser.signIn();
        WebElement serviceName = browser.visible(By.id("new-service-name"));
        serviceName.sendKeys("Made in the console");
        browser.click(By.id("new-service"));
        WebElement selected = browser.visible(By.cssSelector("#services button.selected"));
        assertThat(selected.getText()).contains("Made in the console");
        String service = selected.getAttribute("data-sid");
        assertThat(http.get(auth, "/v2/Services/" + service).text("friendly_name")).isEqualTo("Made in the console");

        WebElement identity = browser.visible(By.id("device-identity"));
        identity.clear();
        identity.sendKeys("helper-user-7");
        browser.click(By.id("add-device"));
        String factorSid = browser.visible(By.cssSelector("#factors tr[data-browser='true'] .badge[data-status='verified']"))
                .findElement(By.xpath("ancestor::tr")).getAttribute("data-factor-sid");

        // A reload keeps the session (sessionStorage) and the selection (URL fragment).
        browser.driver.navigate().refresh();
        browser.visible(By.cssSelector("#entities button[data-identity='helper-user-7'].selected"));
        browser.click(By.cssSelector("#factors tr[data-factor-sid='" + factorSid + "'] button.small:not(.danger)"));
        WebElement test = browser.visible(By.cssSelector("#challenges tr[data-status='pending']"));
        assertThat(test.getText()).contains("Test sign-in from the Assent console", "Assent developer console");
        String entity = ApiFixture.entityPath(service, "helper-user-7");
        assertThat(challengeStatus(entity, test.getAttribute("data-challenge-sid"))).isEqualTo("pending");

        // Delete: the factor goes (as the device), and so does the browser's key.
        browser.click(By.cssSelector("#factors tr[data-factor-sid='" + factorSid + "'] button.danger"));
        browser.wait.until(ExpectedConditions.alertIsPresent()).accept();
        browser.wait.until(d -> http.get(auth, entity + "/Factors/" + factorSid).status() == 404);
        browser.wait.until(d -> d.findElements(By.cssSelector("#factors tr[data-factor-sid='" + factorSid + "']")).isEmpty());
        assertThat(storedKey(factorSid)).isNull();

        browser.click(By.id("sign-out"));
        browser.visible(By.id("login-view"));
        assertThat(storedCredentials()).isNull();
        assertThat(browser.severeBrowserLogs()).isEmpty();
    }

    @Test
    void wrongCredentialsShowAClearErrorAndStoreNothing() throws IOException {
        String wrongToken = "0".repeat(32);
        signInExpectingError(browser.account.sid().value(), wrongToken);
        assertThat(browser.text(By.id("login-error"))).contains("Wrong Account SID or Auth Token").contains("401");
        assertThat(browser.driver.findElement(By.id("app-view")).isDisplayed()).isFalse();
        assertThat(storedCredentials()).isNull();
        browser.screenshot("00-wrong-credentials.png");

        signInExpectingError("AC123", "whatever");
        assertThat(browser.text(By.id("login-error"))).contains("AC followed by 32 hexadecimal digits");
        assertThat(storedCredentials()).isNull();

        // And the right ones still work from the same form.
        browser.signIn();
    }

    /**
     * The console across an auth-token rotation: it signs in with the secondary during the grace
     * period, that session survives the promotion (its token is now the primary), and the retired
     * primary is refused.
     */
    @Test
    void signsInWithTheSecondaryTokenAndKeepsWorkingAcrossItsPromotion() {
        Account rotating = browser.server.accounts().create();
        String sid = rotating.sid().value();
        String secondary = browser.server.accounts().createSecondaryToken(rotating.sid()).secondaryAuthToken().orElseThrow().reveal();

        browser.signIn(sid, secondary);
        Http.Reply promoted = http.post(Http.basic(sid, rotating.authToken().reveal()), "/v1/AuthTokens/Promote", List.of());
        assertThat(promoted.status()).as(promoted.raw().body()).isEqualTo(200);

        browser.driver.navigate().refresh();
        browser.visible(By.id("app-view"));
        browser.wait.until(d -> sid.equals(d.findElement(By.id("session-account")).getText()));
        browser.click(By.id("sign-out"));
        browser.visible(By.id("login-view"));

        signInExpectingError(sid, rotating.authToken().reveal());
        assertThat(browser.text(By.id("login-error"))).contains("401");
        assertThat(storedCredentials()).isNull();
        assertThat(browser.severeBrowserLogs()).allMatch(line -> line.contains("401"));
    }

    /** The page's raw r||s → DER conversion against DER built independently here, edge cases included. */
    @Test
    void pageConvertsRawSignaturesToMinimalDer() {
        List<byte[]> raws = new ArrayList<>();
        // docs/push-protocol.md §6.4's pair, from the SDKs' own tests.
        raws.add(Base64.getUrlDecoder().decode("W26f0iij5b6O4Ibuw6Xw88-6jNvxyymxS2m7ZPGfM_8i1VpFNTr2eK-VX3b1DLHy8rPm3MOpTvUH14hyNr0Gfg"));
        byte[] leadingZerosThenHighBit = new byte[64];
        leadingZerosThenHighBit[2] = (byte) 0x80;
        leadingZerosThenHighBit[40] = 0x7f;
        raws.add(leadingZerosThenHighBit);
        byte[] allHigh = new byte[64];
        Arrays.fill(allHigh, (byte) 0xff);
        raws.add(allHigh);
        byte[] tiny = new byte[64];
        tiny[31] = 1;
        tiny[63] = (byte) 0x80;
        raws.add(tiny);

        for (byte[] raw : raws) {
            List<Integer> unsigned = new ArrayList<>();
            for (byte b : raw) {
                unsigned.add(b & 0xff);
            }
            Object converted = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "import('/console/device.js').then(m => done(Array.from(m.rawToDer(Uint8Array.from(arguments[0])))),"
                    + " e => done(String(e)));", unsigned);
            assertThat(converted).as("rawToDer(%s)", HexFormat.of().formatHex(raw)).isInstanceOf(List.class);
            byte[] der = new byte[((List<?>) converted).size()];
            for (int i = 0; i < der.length; i++) {
                der[i] = ((Number) ((List<?>) converted).get(i)).byteValue();
            }
            assertThat(HexFormat.of().formatHex(der)).isEqualTo(HexFormat.of().formatHex(der(raw)));
        }
        assertThat(der(raws.get(0))).isEqualTo(Base64.getUrlDecoder()
                .decode("MEQCIFtun9Ioo-W-juCG7sOl8PPPuozb8cspsUtpu2TxnzP_AiAi1VpFNTr2eK-VX3b1DLHy8rPm3MOpTvUH14hyNr0Gfg"));
    }

    // ---- Steps

    private static void signInExpectingError(String sid, String token) {
        browser.fillLogin(sid, token);
        browser.wait.until(d -> {
            WebElement error = d.findElement(By.id("login-error"));
            return error.isDisplayed() && !error.getText().isBlank();
        });
    }

    /** As a backend creates one: {@code Details.Fields} repeated, one JSON object each. */
    private static String createChallenge(String entity, String factorSid, String message, String... fields) {
        List<Map.Entry<String, String>> params = ApiFixture.params("FactorSid", factorSid, "Details.Message", message,
                "HiddenDetails", "{\"ip\":\"203.0.113.7\"}");
        for (String field : fields) {
            params.add(Map.entry("Details.Fields", field));
        }
        Http.Reply reply = http.post(auth, entity + "/Challenges", params);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.text("sid");
    }

    private static String challengeStatus(String entity, String challengeSid) {
        return http.get(auth, entity + "/Challenges/" + challengeSid).text("status");
    }

    private static By challengeRow(String challengeSid, String status) {
        return By.cssSelector("#challenges tr[data-challenge-sid='" + challengeSid + "'][data-status='" + status + "']");
    }
    private static String storedCredentials() {
        return (String) ((JavascriptExecutor) browser.driver).executeScript("return sessionStorage.getItem('assent.console.credentials')");
    }

    private static Object storedKey(String factorSid) {
        return browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const open = indexedDB.open('assent-console');"
                + "open.onerror = () => done('cannot open IndexedDB');"
                + "open.onsuccess = () => {"
                + "  const get = open.result.transaction('devices').objectStore('devices').get(arguments[0]);"
                + "  get.onsuccess = () => { const d = get.result; open.result.close();"
                + "    done(d ? {type: d.privateKey.type, extractable: d.privateKey.extractable,"
                + "              curve: d.privateKey.algorithm.namedCurve, credentialSid: d.credentialSid} : null); };"
                + "};", factorSid);
    }

    /** DER SEQUENCE { INTEGER r, INTEGER s } from raw r||s, via BigInteger's minimal two's complement. */
    private static byte[] der(byte[] raw) {
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)).toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(4 + r.length + s.length);
        out.write(0x02);
        out.write(r.length);
        out.writeBytes(r);
        out.write(0x02);
        out.write(s.length);
        out.writeBytes(s);
        return out.toByteArray();
    }
}
