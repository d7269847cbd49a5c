package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.AssentServer;
import dev.assent.server.account.Account;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.secrets.EncryptionKeys;
import dev.assent.server.storage.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the console's browser tests ({@link ConsoleBrowserIT}, {@link ConsolePasskeyBrowserIT}) stand on: the real
 * server on port 0 with the console on (SQLite, the real clock: the browser signs with its own), one account, and
 * Debian's headless Chromium driven through Debian's ChromeDriver (both installed by {@code bin/ensure-chromium};
 * never skipped: a missing binary fails the test), plus the page steps both use. Screenshots land in
 * {@code target/console-screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final AssentServer server;
    final Http http;
    final Account account;
    /** Basic auth of {@link #account}, as a backend sends it. */
    final String auth;
    final ChromeDriver driver;
    final WebDriverWait wait;
    private final ChromeDriverService driverService;

    private ConsoleBrowser(AssentServer server, ChromeDriverService driverService, ChromeDriver driver) {
        this.server = server;
        this.http = new Http(server.publicBase());
        this.account = server.accounts().create();
        this.auth = Http.basic(account.sid().value(), account.authToken().reveal());
        this.driverService = driverService;
        this.driver = driver;
        this.wait = new WebDriverWait(driver, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    /**
     * Starts the server and the browser, both under {@code tempDir}; the window {@code width}×{@code height}.
     * Whatever started is stopped again when a later part fails.
     */
    static ConsoleBrowser start(Path tempDir, int width, int height) throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (bin/ensure-chromium installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (bin/ensure-chromium installs it)").isExecutable();
        Files.createDirectories(SCREENSHOTS);

        Path data = Files.createDirectories(tempDir.resolve("data"));
        ServerConfig config = new ServerConfig("127.0.0.1", 0, data, Optional.empty(), Optional.empty()).withConsole(true);
        AssentServer server = AssentServer.start(config.withSettings(ServerSettings.DEFAULTS.withEncryption(EncryptionKeys.generate("test1"))),
                Database.sqlite(data), Clock.systemUTC());
        ChromeDriverService driverService = null;
        try {
            // The driver and the browser are named explicitly, so Selenium Manager is never consulted
            // (it would try to download them).
            driverService = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogOutput(new ByteArrayOutputStream())
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toString());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                    "--user-data-dir=" + Files.createDirectories(tempDir.resolve("chromium-profile")));
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            return new ConsoleBrowser(server, driverService, new ChromeDriver(driverService, options));
        } catch (RuntimeException | IOException e) {
            if (driverService != null) {
                driverService.stop();
            }
            server.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            driverService.stop();
            server.close();
        }
    }

    // ---- Page steps

    /**
     * A signed-out console at {@code base}: credentials live in that origin's sessionStorage only, cleared from
     * another page of the same origin, where no console script can be signing in meanwhile.
     */
    void open(String base) {
        driver.get(base + "/console/icon.svg");
        driver.executeScript("sessionStorage.clear()");
        driver.get(base + "/console");
        visible(By.id("login-view"));
    }

    /** Fills the sign-in form and submits it, whatever the outcome. */
    void fillLogin(String sid, String token) {
        type(By.id("account-sid"), sid);
        type(By.id("auth-token"), token);
        driver.findElement(By.id("sign-in")).click();
    }

    /** Signs in and waits until the app shows {@code sid} as the session's account. */
    void signIn(String sid, String token) {
        fillLogin(sid, token);
        visible(By.id("app-view"));
        wait.until(d -> sid.equals(d.findElement(By.id("session-account")).getText()));
    }

    /** Signs in as {@link #account}. */
    void signIn() {
        signIn(account.sid().value(), account.authToken().reveal());
    }

    void type(By locator, String value) {
        WebElement input = visible(locator);
        input.clear();
        input.sendKeys(value);
    }

    WebElement visible(By locator) {
        return wait.until(d -> {
            WebElement element = d.findElement(locator);
            return element.isDisplayed() ? element : null;
        });
    }

    /** Clicks once the element is there and enabled; a list re-rendered meanwhile is simply looked up again. */
    void click(By locator) {
        wait.until((Function<WebDriver, Boolean>) d -> {
            WebElement element = d.findElement(locator);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    String text(By locator) {
        return driver.findElement(locator).getText();
    }

    /** The browser console's SEVERE entries since the last call (reading drains them). */
    List<String> severeBrowserLogs() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    void screenshot(String file) throws IOException {
        Files.write(SCREENSHOTS.resolve(file), driver.getScreenshotAs(OutputType.BYTES));
    }
}
