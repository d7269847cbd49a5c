package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.assent.server.account.Account;
import dev.assent.server.push.PushConfig;
import dev.assent.server.push.PushJob;
import dev.assent.server.push.PushJobStatus;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.storage.JdbcPushJobStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Push delivery against real protocol peers on loopback: Pushy's MockApnsServer for APNs, and a
 * local FCM endpoint with its OAuth token endpoint.
 */
abstract class PushDeliveryContract extends ApiFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String APNS_TOKEN = "a1".repeat(32);
    static final String FCM_TOKEN = "fcm-registration-token-0123456789abcdef";

    LocalApns apns;
    FakeFcm fcm;
    final KeyPair serviceAccountKeys = PushTestKeys.rsaKeyPair();

    @Override
    PushConfig pushConfig() {
        LocalPushPeers peers = LocalPushPeers.start(tempDir);
        apns = peers.apns();
        fcm = peers.fcm();
        return peers.config();
    }

    @AfterEach
    void stopPeers() {
        apns.close();
        fcm.close();
    }

    // ---- APNs

    @Test
    void aPushChallengeGoesToApnsWithTheAppsTopicTokenPayloadExpirationAndPriority() throws Exception {
        String service = serviceWithApns();
        TestDevice device = verifiedDevice(service, "alice-0001", "apn", APNS_TOKEN);
        JsonNode challenge = createPushChallenge(service, "alice-0001", device, "Log in from Lisbon?");

        LocalApns.Received push = apns.next(WAIT);
        assertThat(push.rejection()).isNull();
        assertThat(push.token()).isEqualTo(APNS_TOKEN);
        assertThat(push.headers().get(":path")).isEqualTo("/3/device/" + APNS_TOKEN);
        assertThat(push.headers().get("apns-topic")).isEqualTo("com.example.app");
        assertThat(push.headers().get("apns-priority")).isEqualTo("10");
        assertThat(push.headers().get("apns-push-type")).isEqualTo("alert");
        assertThat(push.headers().get("authorization")).startsWith("bearer ");
        assertThat(push.clientSubject()).isNull();
        assertThat(Long.parseLong(push.headers().get("apns-expiration")))
                .isEqualTo(Instant.parse(challenge.get("expiration_date").asText()).getEpochSecond());
        JsonNode payload = JSON.readTree(push.payload());
        assertThat(payload.get("aps").get("alert").asText()).isEqualTo("Log in from Lisbon?");
        assertThat(payload.get("type").asText()).isEqualTo("verify_push_challenge");
        assertThat(payload.get("challenge_sid").asText()).isEqualTo(challenge.get("sid").asText());
        assertThat(payload.get("factor_sid").asText()).isEqualTo(device.factorSid);
        assertThat(payload.get("message").asText()).isEqualTo("Log in from Lisbon?");
        awaitJob(challenge.get("sid").asText(), "sent");
    }

    @Test
    void aCertificateBasedCredentialAuthenticatesWithItsClientCertificate() {
        Http.Reply credential = http.post(auth, "/v1/Credentials", params("Type", "apn", "Certificate",
                apns.client.certificatePem(), "PrivateKey", apns.client.privateKeyPem(), "Sandbox", "true"));
        assertThat(credential.status()).as(credential.raw().body()).isEqualTo(201);
        Http.Reply created = http.post(auth, "/v2/Services", params("FriendlyName", "Push", "Push.ApnCredentialSid",
                credential.text("sid")));
        String service = created.text("sid");
        TestDevice device = verifiedDevice(service, "carol-0001", "apn", APNS_TOKEN);
        createPushChallenge(service, "carol-0001", device, "Certificate?");

        LocalApns.Received push = apns.next(WAIT);
        assertThat(push.clientSubject()).isEqualTo("CN=apns client");
        assertThat(push.headers()).doesNotContainKey("authorization");
        assertThat(push.headers().get("apns-topic")).isEqualTo("com.example.app");
    }

    @Test
    void aNotificationPushesAgainWithItsTtl() {
        String service = serviceWithApns();
        TestDevice device = verifiedDevice(service, "alice-0001", "apn", APNS_TOKEN);
        String challengeSid = createPushChallenge(service, "alice-0001", device, "Approve?").get("sid").asText();
        apns.next(WAIT);

        Instant now = clock.instant();
        Http.Reply notification = http.post(auth, entityPath(service, "alice-0001") + "/Challenges/" + challengeSid + "/Notifications",
                params("Ttl", "120"));
        assertThat(notification.status()).as(notification.raw().body()).isEqualTo(201);
        LocalApns.Received again = apns.next(WAIT);
        assertThat(again.payload()).contains(challengeSid);
        assertThat(Long.parseLong(again.headers().get("apns-expiration"))).isEqualTo(now.plusSeconds(120).getEpochSecond());
    }

    @Test
    void aTokenApnsReportsUnregisteredIsMarkedAndNotUsedAgainUntilTheDeviceSendsANewOne() {
        String service = serviceWithApns();
        TestDevice device = verifiedDevice(service, "alice-0001", "apn", APNS_TOKEN);
        apns.unregisteredTokens.add(APNS_TOKEN);
        String first = createPushChallenge(service, "alice-0001", device, "One").get("sid").asText();
        assertThat(apns.next(WAIT).rejection()).isEqualTo("UNREGISTERED");
        awaitJob(first, "unregistered");
        assertThat(tokenStatus(device.factorSid)).isEqualTo("unregistered");

        String second = createPushChallenge(service, "alice-0001", device, "Two").get("sid").asText();
        awaitJob(second, "unregistered");
        assertThat(apns.received).isEmpty();

        String newToken = "b2".repeat(32);
        Http.Reply updated = http.post(device.auth(clock.instant()), entityPath(service, "alice-0001") + "/Factors/" + device.factorSid,
                params("Config.NotificationToken", newToken));
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(tokenStatus(device.factorSid)).isNull();
        createPushChallenge(service, "alice-0001", device, "Three");
        assertThat(apns.next(WAIT).token()).isEqualTo(newToken);
    }

    @Test
    void aDeadApnsDoesNotFailTheChallengeAndThePushIsRetriedLater() {
        String service = serviceWithApns();
        TestDevice device = verifiedDevice(service, "alice-0001", "apn", APNS_TOKEN);
        apns.close();

        String challengeSid = createPushChallenge(service, "alice-0001", device, "While APNs is down").get("sid").asText();
        await("a failed first attempt", () -> job(challengeSid).map(j -> j.attempts() >= 1 && j.lastError() != null).orElse(false));
        assertThat(job(challengeSid).orElseThrow().status()).isEqualTo("pending");
        assertThat(apns.received).isEmpty();

        apns.start();
        clock.advance(Duration.ofSeconds(6));
        LocalApns.Received push = apns.next(WAIT);
        assertThat(push.payload()).contains(challengeSid);
        awaitJob(challengeSid, "sent");
        assertThat(job(challengeSid).orElseThrow().attempts()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void platformNoneSendsNothing() {
        String service = serviceWithApns();
        TestDevice device = verifiedPushDevice(service, "alice-0001");
        String challengeSid = createPushChallenge(service, "alice-0001", device, "Poll for me").get("sid").asText();
        assertThat(job(challengeSid)).isEmpty();
    }

    @Test
    void aJobIsClaimedByOneNodeAtATimeAndByAnotherOnceTheLeaseLapses() {
        String service = serviceWithApns();
        TestDevice device = verifiedPushDevice(service, "alice-0001");
        JsonNode challenge = createPushChallenge(service, "alice-0001", device, "Lease me");
        JdbcPushJobStore store = new JdbcPushJobStore(database);
        // Due an hour ahead of the server's clock, so the server's own worker leaves it alone.
        Instant due = clock.instant().plus(Duration.ofHours(1));
        store.insert(new PushJob("lease-test", new Sid(SidType.ACCOUNT, account.sid().value()), new Sid(SidType.SERVICE, service),
                new Sid(SidType.ENTITY, challenge.get("entity_sid").asText()), new Sid(SidType.CHALLENGE, challenge.get("sid").asText()),
                new Sid(SidType.FACTOR, device.factorSid), Optional.empty(), due.plusSeconds(300), 0, due));

        assertThat(store.claimDue("node-a", due.minusSeconds(1), Duration.ofSeconds(60), 10)).isEmpty();
        assertThat(store.claimDue("node-a", due, Duration.ofSeconds(60), 10)).singleElement()
                .satisfies(j -> assertThat(j.attempts()).isEqualTo(1));
        assertThat(store.claimDue("node-b", due.plusSeconds(30), Duration.ofSeconds(60), 10)).isEmpty();
        assertThat(store.claimDue("node-b", due.plusSeconds(60), Duration.ofSeconds(60), 10)).singleElement()
                .satisfies(j -> assertThat(j.attempts()).isEqualTo(2));
        // node-a lost its lease: its late outcome changes nothing; node-b's does.
        store.finish("lease-test", "node-a", PushJobStatus.SENT, "late", due.plusSeconds(61));
        assertThat(jobStatus("lease-test")).isEqualTo("pending");
        store.finish("lease-test", "node-b", PushJobStatus.SENT, "accepted", due.plusSeconds(61));
        assertThat(jobStatus("lease-test")).isEqualTo("sent");
    }

    // ---- Disabled accounts

    @Test
    void aDisabledAccountsPendingPushIsNotSentUntilItIsEnabled() throws Exception {
        String service = serviceWithFcm();
        TestDevice device = verifiedDevice(service, "dana-0001", "fcm", FCM_TOKEN);
        fcm.sendAnswer.set(new FakeFcm.Answer(503, "{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}"));
        String held = createPushChallenge(service, "dana-0001", device, "Held?").get("sid").asText();
        FakeFcm.next(fcm.sends, WAIT);
        await("the failed first attempt", () -> job(held).map(j -> j.attempts() == 1 && j.lastError() != null).orElse(false));
        server.accounts().disable(account.sid());
        fcm.sendAnswer.set(new FakeFcm.Answer(200, "{\"name\":\"projects/demo-project/messages/2\"}"));
        // Past the retry's backoff, within the challenge's lifetime: the held push is due from now on.
        clock.advance(Duration.ofSeconds(30));

        // A witness: another account's push, created after the held one became due, is sent; the worker
        // has passed over the held one (due earlier, so listed first) at least once.
        String mine = auth;
        Account other = server.accounts().create();
        auth = Http.basic(other.sid().value(), other.authToken().reveal());
        String otherService = serviceWithFcm();
        TestDevice witness = verifiedDevice(otherService, "erin-0001", "fcm", FCM_TOKEN);
        String witnessChallenge = createPushChallenge(otherService, "erin-0001", witness, "Witness").get("sid").asText();
        auth = mine;
        JsonNode sent = JSON.readTree(FakeFcm.next(fcm.sends, WAIT).body());
        assertThat(sent.get("message").get("data").get("challenge_sid").asText()).isEqualTo(witnessChallenge);
        awaitJob(witnessChallenge, "sent");

        assertThat(fcm.sends).as("sends for the disabled account").isEmpty();
        assertThat(job(held).orElseThrow()).isEqualTo(new Job("pending", 1, job(held).orElseThrow().lastError()));
        server.accounts().enable(account.sid());
        JsonNode resumed = JSON.readTree(FakeFcm.next(fcm.sends, WAIT).body());
        assertThat(resumed.get("message").get("data").get("challenge_sid").asText()).isEqualTo(held);
        awaitJob(held, "sent");
    }

    // ---- FCM

    @Test
    void aPushChallengeGoesToFcmAsADataOnlyMessageWithAnAccessTokenFromTheServiceAccount() throws Exception {
        String service = serviceWithFcm();
        TestDevice device = verifiedDevice(service, "bob-00001", "fcm", FCM_TOKEN);
        JsonNode challenge = createPushChallenge(service, "bob-00001", device, "Sign in?");

        FakeFcm.Received tokenRequest = FakeFcm.next(fcm.tokenRequests, WAIT);
        Map<String, String> form = Http.parseForm(tokenRequest.body());
        assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
        SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
        assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) serviceAccountKeys.getPublic()))).isTrue();
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("assent@demo-project.iam.gserviceaccount.com");
        assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(fcm.baseUri() + "/token");
        assertThat(assertion.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");

        FakeFcm.Received send = FakeFcm.next(fcm.sends, WAIT);
        assertThat(send.path()).isEqualTo("/v1/projects/demo-project/messages:send");
        assertThat(send.authorization()).isEqualTo("Bearer " + FakeFcm.ACCESS_TOKEN);
        JsonNode message = JSON.readTree(send.body()).get("message");
        assertThat(message.get("token").asText()).isEqualTo(FCM_TOKEN);
        assertThat(message.has("notification")).as("data-only").isFalse();
        JsonNode data = message.get("data");
        assertThat(data.get("type").asText()).isEqualTo("verify_push_challenge");
        assertThat(data.get("challenge_sid").asText()).isEqualTo(challenge.get("sid").asText());
        assertThat(data.get("factor_sid").asText()).isEqualTo(device.factorSid);
        assertThat(data.get("message").asText()).isEqualTo("Sign in?");
        assertThat(message.get("android").get("priority").asText()).isEqualTo("HIGH");
        assertThat(message.get("android").get("ttl").asText()).isEqualTo("300s");
        awaitJob(challenge.get("sid").asText(), "sent");

        // The access token is reused for the next push.
        createPushChallenge(service, "bob-00001", device, "Again?");
        FakeFcm.next(fcm.sends, WAIT);
        assertThat(fcm.tokenRequests).isEmpty();
    }

    @Test
    void anFcmUnregisteredTokenIsMarkedOnTheFactor() {
        String service = serviceWithFcm();
        TestDevice device = verifiedDevice(service, "bob-00001", "fcm", FCM_TOKEN);
        fcm.sendAnswer.set(new FakeFcm.Answer(404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\","
                + "\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\"UNREGISTERED\"}]}}"));
        String challengeSid = createPushChallenge(service, "bob-00001", device, "Hello?").get("sid").asText();
        awaitJob(challengeSid, "unregistered");
        assertThat(job(challengeSid).orElseThrow().lastError()).isEqualTo("UNREGISTERED");
        assertThat(tokenStatus(device.factorSid)).isEqualTo("unregistered");
    }

    @Test
    void anFcmServerErrorIsRetried() {
        String service = serviceWithFcm();
        TestDevice device = verifiedDevice(service, "bob-00001", "fcm", FCM_TOKEN);
        fcm.sendAnswer.set(new FakeFcm.Answer(503, "{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}"));
        String challengeSid = createPushChallenge(service, "bob-00001", device, "Hello?").get("sid").asText();
        FakeFcm.next(fcm.sends, WAIT);
        await("the failure recorded", () -> job(challengeSid).map(j -> j.lastError() != null).orElse(false));
        fcm.sendAnswer.set(new FakeFcm.Answer(200, "{\"name\":\"projects/demo-project/messages/2\"}"));
        clock.advance(Duration.ofSeconds(6));
        awaitJob(challengeSid, "sent");
    }

    @Test
    void theServiceAccountsOwnTokenUriIsNeverCalled() throws Exception {
        // Tenant input naming a loopback port: the token call goes to the operator's endpoint instead.
        AtomicInteger hits = new AtomicInteger();
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        elsewhere.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        elsewhere.start();
        try {
            String service = serviceWithFcm("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/token");
            TestDevice device = verifiedDevice(service, "bob-00001", "fcm", FCM_TOKEN);
            String challengeSid = createPushChallenge(service, "bob-00001", device, "Sign in?").get("sid").asText();
            FakeFcm.Received tokenRequest = FakeFcm.next(fcm.tokenRequests, WAIT);
            assertThat(SignedJWT.parse(Http.parseForm(tokenRequest.body()).get("assertion")).getJWTClaimsSet().getAudience())
                    .containsExactly(fcm.baseUri() + "/token");
            FakeFcm.next(fcm.sends, WAIT);
            awaitJob(challengeSid, "sent");
            assertThat(hits).hasValue(0);
        } finally {
            elsewhere.stop(0);
        }
    }

    // ---- helpers

    String serviceWithApns() {
        Http.Reply credential = http.post(auth, "/v1/Credentials", params("Type", "apn", "FriendlyName", "iOS",
                "PrivateKey", PushTestKeys.p8SigningKey(), "ApnKeyId", "KEYID12345", "ApnTeamId", "TEAMID1234"));
        assertThat(credential.status()).as(credential.raw().body()).isEqualTo(201);
        Http.Reply service = http.post(auth, "/v2/Services", params("FriendlyName", "Push", "Push.ApnCredentialSid",
                credential.text("sid")));
        assertThat(service.status()).as(service.raw().body()).isEqualTo(201);
        return service.text("sid");
    }

    String serviceWithFcm() {
        return serviceWithFcm(fcm.baseUri() + "/token");
    }

    /** A service whose FCM credential's service-account JSON names {@code tokenUri} as its token endpoint. */
    String serviceWithFcm(String tokenUri) {
        return serviceWithFcmCredential(auth, PushTestKeys.serviceAccountJson(serviceAccountKeys, "demo-project", tokenUri));
    }

    TestDevice verifiedDevice(String service, String identity, String platform, String token) {
        return verifiedPushDevice(auth, service, identity, "Phone", platform, token);
    }

    record Job(String status, int attempts, String lastError) {
    }

    Optional<Job> job(String challengeSid) {
        List<Job> jobs = database.jdbi().withHandle(h -> h.createQuery("SELECT status, attempts, last_error FROM push_jobs "
                + "WHERE challenge_sid = :c ORDER BY created_at DESC")
                .bind("c", challengeSid)
                .map((rs, ctx) -> new Job(rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error")))
                .list());
        return jobs.stream().findFirst();
    }

    String jobStatus(String id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT status FROM push_jobs WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    String tokenStatus(String factorSid) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT notification_token_status FROM factors WHERE sid = :s")
                .bind("s", factorSid).mapTo(String.class).one());
    }

    void awaitJob(String challengeSid, String status) {
        await("push job of " + challengeSid + " " + status, () -> job(challengeSid).map(j -> j.status().equals(status)).orElse(false));
    }
}
