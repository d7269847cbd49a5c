package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.account.Account;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API keys (Twilio's 2010 Keys resource) and {@code Basic SK…:secret}, through HTTP. */
abstract class ApiKeyApiContract extends ApiFixture {

    String keysPath() {
        return "/2010-04-01/Accounts/" + account.sid() + "/Keys";
    }

    /** Creates a key with the auth token; returns {sid, secret}. */
    String[] createKey(String friendlyName) {
        Http.Reply created = http.post(auth, keysPath() + ".json", params("FriendlyName", friendlyName));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return new String[] {created.text("sid"), created.text("secret")};
    }

    @Test
    void keysAreCreatedListedFetchedRenamedAndDeletedAndTheSecretIsShownOnce() {
        Http.Reply created = http.post(auth, keysPath() + ".json", params("FriendlyName", "backend"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String sid = created.text("sid");
        String secret = created.text("secret");
        assertThat(sid).matches("SK[0-9a-f]{32}");
        assertThat(secret).matches("[A-Za-z0-9]{32}");
        assertThat(created.text("friendly_name")).isEqualTo("backend");
        // RFC 2822 as the 2010 API writes it, not Verify's ISO 8601.
        assertThat(created.text("date_created")).isEqualTo("Thu, 15 Jan 2026 10:00:00 +0000");
        assertThat(created.text("date_updated")).isEqualTo("Thu, 15 Jan 2026 10:00:00 +0000");

        Http.Reply fetched = http.get(auth, keysPath() + "/" + sid + ".json");
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.text("sid")).isEqualTo(sid);
        assertThat(fetched.json().has("secret")).isFalse();
        assertThat(fetched.raw().body()).doesNotContain(secret);

        clock.advance(java.time.Duration.ofSeconds(1));
        createKey("second");
        JsonNode list = http.get(auth, keysPath() + ".json?PageSize=1").json();
        assertThat(list.get("keys")).hasSize(1);
        assertThat(list.get("keys").get(0).get("sid").asText()).isEqualTo(sid);
        assertThat(list.get("keys").get(0).has("secret")).isFalse();
        assertThat(list.get("page_size").asInt()).isEqualTo(1);
        assertThat(list.get("uri").asText()).startsWith(keysPath() + ".json?PageSize=1&Page=0");
        assertThat(list.get("first_page_uri").asText()).isEqualTo(keysPath() + ".json?PageSize=1&Page=0");
        assertThat(list.get("previous_page_uri").isNull()).isTrue();
        JsonNode next = http.get(auth, list.get("next_page_uri").asText()).json();
        assertThat(next.get("keys")).hasSize(1);
        assertThat(next.get("keys").get(0).get("friendly_name").asText()).isEqualTo("second");
        assertThat(next.get("next_page_uri").isNull()).isTrue();
        assertThat(next.toString()).doesNotContain("secret");

        clock.advance(java.time.Duration.ofSeconds(299));
        Http.Reply renamed = http.post(auth, keysPath() + "/" + sid + ".json", params("FriendlyName", "backend prod"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.text("friendly_name")).isEqualTo("backend prod");
        assertThat(renamed.text("date_updated")).isEqualTo("Thu, 15 Jan 2026 10:05:00 +0000");
        assertThat(renamed.json().has("secret")).isFalse();

        assertThat(http.delete(auth, keysPath() + "/" + sid + ".json").status()).isEqualTo(204);
        assertError(http.get(auth, keysPath() + "/" + sid + ".json"), 404, 20404);
        assertError(http.delete(auth, keysPath() + "/" + sid + ".json"), 404, 20404);
    }

    @Test
    void theSecretIsStoredOnlyAsItsHash() {
        String[] key = createKey("backend");
        List<Map<String, Object>> rows = database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM api_keys").mapToMap().list());
        assertThat(rows).hasSize(1);
        assertThat(rows.toString()).doesNotContain(key[1]);
        assertThat(rows.get(0).get("secret_sha256")).isEqualTo(sha256Hex(key[1]));
    }

    @Test
    void aKeyAuthenticatesVerifyCallsAsItsAccount() {
        String[] key = createKey("backend");
        String keyAuth = Http.basic(key[0], key[1]);
        Http.Reply service = http.post(keyAuth, "/v2/Services", params("FriendlyName", "Through a key"));
        assertThat(service.status()).as(service.raw().body()).isEqualTo(201);
        assertThat(service.text("account_sid")).isEqualTo(account.sid().value());
        String serviceSid = service.text("sid");
        // The auth token sees what the key made, and the other way round.
        assertThat(http.get(auth, "/v2/Services/" + serviceSid).status()).isEqualTo(200);
        String[] factor = verifiedTotpFactor(keyAuth, serviceSid, "alice-0001");
        // The code that verified the factor is spent; the next time step's code approves the challenge.
        clock.advance(java.time.Duration.ofSeconds(30));
        Http.Reply challenge = http.post(keyAuth, entityPath(serviceSid, "alice-0001") + "/Challenges",
                params("FactorSid", factor[0], "AuthPayload", code(factor[1], clock.instant())));
        assertThat(challenge.status()).as(challenge.raw().body()).isEqualTo(201);
        assertThat(challenge.text("status")).isEqualTo("approved");
    }

    @Test
    void aWrongSecretOrADeletedKeyIsRefusedAtOnce() {
        String[] key = createKey("backend");
        String keyAuth = Http.basic(key[0], key[1]);
        assertThat(http.get(keyAuth, "/v2/Services").status()).isEqualTo(200);
        char last = key[1].charAt(31);
        String wrong = key[1].substring(0, 31) + (last == 'a' ? 'b' : 'a');
        assertError(http.get(Http.basic(key[0], wrong), "/v2/Services"), 401, 20003);
        assertError(http.get(Http.basic(key[0], key[1].substring(0, 31)), "/v2/Services"), 401, 20003);
        assertError(http.get(Http.basic(key[0], ""), "/v2/Services"), 401, 20003);
        // The key's secret is no auth token, and the auth token is no key secret.
        assertError(http.get(Http.basic(account.sid().value(), key[1]), "/v2/Services"), 401, 20003);
        assertError(http.get(Http.basic(key[0], account.authToken().reveal()), "/v2/Services"), 401, 20003);

        assertThat(http.delete(auth, keysPath() + "/" + key[0] + ".json").status()).isEqualTo(204);
        assertError(http.get(keyAuth, "/v2/Services"), 401, 20003);
        assertError(http.post(keyAuth, "/v2/Services", params("FriendlyName", "after delete")), 401, 20003);
        assertThat(http.get(auth, "/v2/Services").json().get("services")).isEmpty();
    }

    @Test
    void aKeyCannotManageKeys() {
        String[] key = createKey("backend");
        String keyAuth = Http.basic(key[0], key[1]);
        assertError(http.post(keyAuth, keysPath() + ".json", params("FriendlyName", "minted by a key")), 403, 20003);
        assertError(http.get(keyAuth, keysPath() + ".json"), 403, 20003);
        assertError(http.get(keyAuth, keysPath() + "/" + key[0] + ".json"), 403, 20003);
        assertError(http.post(keyAuth, keysPath() + "/" + key[0] + ".json", params("FriendlyName", "x")), 403, 20003);
        assertError(http.delete(keyAuth, keysPath() + "/" + key[0] + ".json"), 403, 20003);
        // Nothing changed: still one key, with its name.
        JsonNode list = http.get(auth, keysPath() + ".json").json();
        assertThat(list.get("keys")).hasSize(1);
        assertThat(list.get("keys").get(0).get("friendly_name").asText()).isEqualTo("backend");
    }

    @Test
    void anotherAccountsKeyReachesNothingOfThisAccount() {
        String service = createService();
        String[] mine = createKey("mine");
        Account other = server.accounts().create();
        String otherAuth = Http.basic(other.sid().value(), other.authToken().reveal());
        Http.Reply otherKey = http.post(otherAuth, "/2010-04-01/Accounts/" + other.sid() + "/Keys.json", params("FriendlyName", "theirs"));
        assertThat(otherKey.status()).isEqualTo(201);
        String theirs = Http.basic(otherKey.text("sid"), otherKey.text("secret"));

        assertError(http.get(theirs, "/v2/Services/" + service), 404, 20404);
        assertThat(http.get(theirs, "/v2/Services").json().get("services")).isEmpty();
        assertError(http.delete(theirs, "/v2/Services/" + service), 404, 20404);
        // Another account's auth token names this account's Keys in the path: 404, and nothing is listed or deleted.
        assertError(http.get(otherAuth, keysPath() + ".json"), 404, 20404);
        assertError(http.get(otherAuth, keysPath() + "/" + mine[0] + ".json"), 404, 20404);
        assertError(http.delete(otherAuth, keysPath() + "/" + mine[0] + ".json"), 404, 20404);
        assertError(http.post(otherAuth, keysPath() + ".json", params("FriendlyName", "planted")), 404, 20404);
        assertError(http.delete(otherAuth, "/2010-04-01/Accounts/" + other.sid() + "/Keys/" + mine[0] + ".json"), 404, 20404);
        assertThat(http.get(auth, "/v2/Services/" + service).status()).isEqualTo(200);
        assertThat(http.get(Http.basic(mine[0], mine[1]), "/v2/Services/" + service).status()).isEqualTo(200);
        assertThat(http.get(auth, keysPath() + ".json").json().get("keys")).hasSize(1);
    }

    @Test
    void badInputIsRefusedClearly() {
        assertError(http.post(auth, keysPath() + ".json", params("FriendlyName", "x".repeat(65))), 400, 60200);
        assertError(http.get(auth, keysPath() + "/SKnothex.json"), 404, 20404);
        assertError(http.get(auth, keysPath() + "/SK" + "0".repeat(32) + ".json"), 404, 20404);
        assertThat(http.get(auth, keysPath() + ".json").json().get("keys")).isEmpty();
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
