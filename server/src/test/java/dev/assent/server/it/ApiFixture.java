package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.AssentServer;
import dev.assent.server.account.Account;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.outbound.Cidr;
import dev.assent.server.outbound.HostResolver;
import dev.assent.server.outbound.OutboundSettings;
import dev.assent.server.push.PushConfig;
import dev.assent.server.storage.Database;
import dev.assent.server.totp.Base32;
import dev.assent.server.totp.Totp;
import dev.assent.server.totp.TotpParameters;
import dev.assent.server.webhook.WebhookSettings;
import dev.assent.server.secrets.EncryptionKeys;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real server on an ephemeral port over a real database for each test, with a clock the
 * test controls, and offers the steps most scenarios begin with.
 */
abstract class ApiFixture {

    @TempDir
    Path tempDir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    /** The keys that seal this test's secrets: fresh per test, kept across its restarts of the server. */
    final String encryptionKeyEntry = TestKeys.entry("test1");
    final EncryptionKeys encryptionKeys = EncryptionKeys.parse(encryptionKeyEntry, "test");
    AssentServer server;
    Database database;
    Http http;
    Account account;
    String auth;

    /** How long a test waits for what the server does in the background (deliveries, workers) before it fails. */
    static final Duration WAIT = Duration.ofSeconds(20);

    /** The database under test; the subclass decides which (a fresh {@link TestDatabases} one). */
    abstract Database openDatabase(Path dir);

    private Supplier<Database> sameDatabase;

    /** This test's database opened again, same data: as a restarted server, or a second node beside it, opens it. */
    Database reopenDatabase() {
        return sameDatabase.get();
    }

    /** How the server paces webhook deliveries; webhook tests shorten it. */
    WebhookSettings webhookSettings() {
        return WebhookSettings.DEFAULTS;
    }

    /** Where the server sends pushes; push tests point it at their local peers. */
    PushConfig pushConfig() {
        return PushConfig.DEFAULT;
    }

    /**
     * Resolves nothing: no test asks real DNS, so a URL naming a host (example.com) can never send a
     * packet off this machine; it fails as unresolved. ({@code localhost} never reaches a resolver.)
     */
    static final HostResolver NO_DNS = host -> {
        throw new UnknownHostException(host + " is not resolved in tests");
    };

    /**
     * What outbound calls may reach: the strict {@code serve} policy, except that the tests' own
     * receivers on 127.0.0.0/8 are allowed explicitly, over plain http.
     */
    OutboundSettings outboundSettings() {
        return OutboundSettings.STRICT.withAllow(List.of(Cidr.parse("127.0.0.0/8"))).withAllowHttp(true)
                .withResolver(NO_DNS);
    }

    /**
     * Everything the server is tuned with; subclasses override the parts above, or this for
     * settings of their own.
     */
    ServerSettings settings() {
        return ServerSettings.DEFAULTS.withWebhooks(webhookSettings()).withPush(pushConfig()).withOutbound(outboundSettings())
                .withEncryption(encryptionKeys);
    }

    @BeforeEach
    void startServer() {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, tempDir, Optional.empty(), Optional.empty());
        database = openDatabase(tempDir);
        sameDatabase = TestDatabases.reopener(database, tempDir);
        server = AssentServer.start(config.withSettings(settings()), database, clock);
        http = new Http(server.publicBase());
        account = server.accounts().create();
        auth = Http.basic(account.sid().value(), account.authToken().reveal());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    static List<Map.Entry<String, String>> params(String... pairs) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            list.add(Map.entry(pairs[i], pairs[i + 1]));
        }
        return list;
    }

    String createService() {
        Http.Reply reply = http.post(auth, "/v2/Services", params("FriendlyName", "Test Service"));
        assertThat(reply.status()).isEqualTo(201);
        return reply.text("sid");
    }

    static String entityPath(String service, String identity) {
        return "/v2/Services/" + service + "/Entities/" + identity;
    }

    /** A verified TOTP factor; returns {sid, secret}. */
    String[] verifiedTotpFactor(String service, String identity) {
        return verifiedTotpFactor(auth, service, identity);
    }

    /** The same, created and verified with these credentials (an account's token, an API key). */
    String[] verifiedTotpFactor(String credentials, String service, String identity) {
        Http.Reply created = http.post(credentials, entityPath(service, identity) + "/Factors",
                params("FriendlyName", "Authenticator", "FactorType", "totp"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String sid = created.text("sid");
        String secret = created.json().get("binding").get("secret").asText();
        Http.Reply verified = http.post(credentials, entityPath(service, identity) + "/Factors/" + sid,
                params("AuthPayload", code(secret, clock.instant())));
        assertThat(verified.text("status")).isEqualTo("verified");
        return new String[] {sid, secret};
    }

    static String code(String secret, Instant at) {
        return Totp.generate(Base32.decode(secret), TotpParameters.defaults(), at);
    }

    /** A six-digit code that is not the secret's code now. */
    String wrongCode(String secret) {
        return "000000".equals(code(secret, clock.instant())) ? "111111" : "000000";
    }

    static String challengePath(String service, String identity, String challengeSid) {
        return entityPath(service, identity) + "/Challenges/" + challengeSid;
    }

    /** A challenge created by the backend without a code, left pending. */
    String pendingChallenge(String service, String identity, String factorSid) {
        Http.Reply created = http.post(auth, entityPath(service, identity) + "/Challenges", params("FactorSid", factorSid));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("sid");
    }

    /** A column of a row as stored, read past the API. */
    String stored(String table, String column, String sid) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + column + " FROM " + table + " WHERE sid = :sid")
                .bind("sid", sid).mapTo(String.class).one());
    }

    /** A device whose push factor is created by the backend and verified by the device itself; no notifications. */
    TestDevice verifiedPushDevice(String service, String identity) {
        return verifiedPushDevice(auth, service, identity, "Pixel", "none", null);
    }

    /**
     * Enrolment as the mobile SDKs do it: the backend ({@code backendAuth}) creates a push factor with the
     * device's public key and where to notify it ({@code token} null for none), and the device verifies it
     * with its own signed proof.
     */
    TestDevice verifiedPushDevice(String backendAuth, String service, String identity, String friendlyName, String platform,
            String token) {
        TestDevice device = new TestDevice();
        List<Map.Entry<String, String>> form = params("FriendlyName", friendlyName, "FactorType", "push", "Binding.Alg", "ES256",
                "Binding.PublicKey", device.publicKey(), "Config.AppId", "com.example.app", "Config.NotificationPlatform", platform,
                "Config.SdkVersion", "0.9.0");
        if (token != null) {
            form.add(Map.entry("Config.NotificationToken", token));
        }
        Http.Reply created = http.post(backendAuth, entityPath(service, identity) + "/Factors", form);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        device.factorSid = created.text("sid");
        device.credentialSid = created.json().get("config").get("credential_sid").asText();
        device.accountSid = created.text("account_sid");
        Http.Reply verified = http.post(device.auth(clock.instant()), entityPath(service, identity) + "/Factors/" + device.factorSid,
                params("AuthPayload", device.proof()));
        assertThat(verified.status()).as(verified.raw().body()).isEqualTo(200);
        assertThat(verified.text("status")).isEqualTo("verified");
        return device;
    }

    /** A service sending its pushes through FCM with a credential holding this service-account JSON. */
    String serviceWithFcmCredential(String backendAuth, String serviceAccountJson) {
        Http.Reply credential = http.post(backendAuth, "/v1/Credentials", params("Type", "fcm", "Secret", serviceAccountJson));
        assertThat(credential.status()).as(credential.raw().body()).isEqualTo(201);
        Http.Reply service = http.post(backendAuth, "/v2/Services", params("FriendlyName", "Push", "Push.FcmCredentialSid",
                credential.text("sid")));
        assertThat(service.status()).as(service.raw().body()).isEqualTo(201);
        return service.text("sid");
    }

    JsonNode createPushChallenge(String service, String identity, TestDevice device, String message) {
        Http.Reply reply = http.post(auth, entityPath(service, identity) + "/Challenges", params(
                "FactorSid", device.factorSid, "Details.Message", message,
                "Details.Fields", "{\"label\":\"IP\",\"value\":\"10.0.0.1\"}", "HiddenDetails", "{\"ip\":\"10.0.0.1\"}"));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.json();
    }

    static void assertError(Http.Reply reply, int status, int code) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
        assertThat(reply.json().get("code").asInt()).as(reply.raw().body()).isEqualTo(code);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("message").asText()).isNotBlank();
        assertThat(reply.json().get("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/" + code);
    }

    /** Waits (up to {@link #WAIT}) for {@code condition}, checking every 20 ms; no fixed sleeps. */
    void await(String what, BooleanSupplier condition) {
        awaitAdvancing(what, Duration.ZERO, condition);
    }

    /** Waits for {@code condition}, moving the server's clock by {@code step} between checks (backoff, leases). */
    void awaitAdvancing(String what, Duration step, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            clock.advance(step);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
