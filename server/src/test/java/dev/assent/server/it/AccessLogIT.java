package dev.assent.server.it;

import static dev.assent.server.it.ApiFixture.entityPath;
import static dev.assent.server.it.ApiFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.server.secrets.EncryptionKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's {@code serve} with {@code ASSENT_LOG_FORMAT=json}, as a log shipper reads it: every
 * line of its output is one JSON object; every response (success, 4xx, 401, 404, an edge error Helidon
 * answers before routing, a probe) carries a {@code Twilio-Request-Id}, and exactly one access line
 * names it with the method, the route template, the status and a duration; and the auth token, a TOTP
 * secret and code, and the identity in a path appear nowhere in the output.
 */
class AccessLogIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REQUEST_ID = Pattern.compile("RQ[0-9a-f]{32}");

    @TempDir
    Path dir;

    /** One answered request and the access line it must have. */
    private record Expected(String requestId, String method, String route, int status) {
    }

    @Test
    void everyLineIsJsonAndEveryResponseHasItsAccessLineWithoutSecrets() throws Exception {
        Path dataDir = Files.createDirectory(dir.resolve("data"));
        Process create = AssentJar.command(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_LOG_FORMAT", "json"),
                "accounts", "create").start();
        assertThat(create.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> credentials = new String(create.getInputStream().readAllBytes()).lines().toList();
        assertThat(create.exitValue()).as(credentials.toString()).isZero();
        String sid = credentials.get(0).substring("ACCOUNT_SID=".length());
        String token = credentials.get(1).substring("AUTH_TOKEN=".length());

        int port = AssentJar.freePort();
        Map<String, String> env = Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_HOST", "127.0.0.1",
                "ASSENT_PORT", Integer.toString(port), "ASSENT_PUBLIC_URL", "http://127.0.0.1:" + port,
                EncryptionKeys.FILE_VARIABLE, dataDir.resolve(EncryptionKeys.DEV_KEY_FILE).toString(), "ASSENT_LOG_FORMAT", "json");
        List<Expected> expected = new ArrayList<>();
        String identity = "secret-identity-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        String totpSecret;
        String code;
        try (ServedJar jar = ServedJar.start(dir, port, env, "serve")) {
            Http http = new Http(jar.base());
            String auth = Http.basic(sid, token);

            Http.Reply service = expect(expected, http.post(auth, "/v2/Services", params("FriendlyName", "Logs")), 201,
                    "POST", "/v2/Services");
            String entities = "/v2/Services/" + service.text("sid") + "/Entities";
            expect(expected, http.post(auth, entities, params("Identity", identity)), 201, "POST",
                    "/v2/Services/{ServiceSid}/Entities");
            Http.Reply factor = expect(expected, http.post(auth, entityPath(service.text("sid"), identity) + "/Factors",
                    params("FriendlyName", "Authenticator", "FactorType", "totp")), 201, "POST",
                    "/v2/Services/{ServiceSid}/Entities/{Identity}/Factors");
            totpSecret = factor.json().get("binding").get("secret").asText();
            code = ApiFixture.code(totpSecret, Instant.now());
            Http.Reply verified = expect(expected, http.post(auth, entityPath(service.text("sid"), identity) + "/Factors/"
                    + factor.text("sid"), params("AuthPayload", code)), 200, "POST",
                    "/v2/Services/{ServiceSid}/Entities/{Identity}/Factors/{Sid}");
            assertThat(verified.text("status")).isEqualTo("verified");

            expect(expected, http.post(auth, "/v2/Services", params()), 400, "POST", "/v2/Services");
            expect(expected, http.get(auth, "/v2/Services/IS" + "0".repeat(32)), 404, "GET", "/v2/Services/{ServiceSid}");
            expect(expected, http.get(auth, "/nowhere/" + identity), 404, "GET", "-");
            expect(expected, http.get(null, entityPath(service.text("sid"), identity)), 401, "GET",
                    "/v2/Services/{ServiceSid}/Entities/{Identity}");
            expect(expected, http.get(Http.basic(sid, "0".repeat(32)), "/v2/Services"), 401, "GET", "/v2/Services");
            expect(expected, http.get(null, "/health/ready"), 200, "GET", "/health/ready");
            try (RawConnection raw = new RawConnection(port)) {
                // A header line without a colon: Helidon refuses it before routing (EdgeErrors).
                RawConnection.Response edge = raw.send("GET " + entityPath(service.text("sid"), identity)
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth + "\r\nno colon here\r\n\r\n").read(Duration.ofSeconds(30));
                assertThat(edge.status()).isEqualTo(400);
                assertThat(edge.json().get("code").asInt()).isEqualTo(60200);
                String id = edge.header("Twilio-Request-Id");
                assertThat(id).as("the edge error's request id").matches(REQUEST_ID);
                expected.add(new Expected(id, "GET", "-", 400));
            }

            jar.process.destroy();
            assertThat(jar.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(jar.process.exitValue()).as(jar.stderrText()).isZero();

            assertThat(expected.stream().map(Expected::requestId).distinct()).hasSize(expected.size());
            String output = jar.stdoutText() + jar.stderrText();
            Map<String, List<Map<String, String>>> accessLines = new LinkedHashMap<>();
            for (String line : output.lines().toList()) {
                JsonNode event;
                try {
                    event = JSON.readTree(line);
                } catch (java.io.IOException e) {
                    throw new AssertionError("a line that is not JSON: " + line, e);
                }
                assertThat(event.isObject()).as(line).isTrue();
                assertThat(event.hasNonNull("timestamp") && event.hasNonNull("level") && event.hasNonNull("loggerName")).as(line).isTrue();
                if (event.get("loggerName").asText().equals("assent.access")) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    event.get("kvpList").forEach(pair -> pair.properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText())));
                    accessLines.computeIfAbsent(fields.get("request_id"), k -> new ArrayList<>()).add(fields);
                }
            }
            for (Expected e : expected) {
                assertThat(accessLines.get(e.requestId())).as("the access line of " + e).hasSize(1);
                Map<String, String> fields = accessLines.get(e.requestId()).get(0);
                assertThat(fields).as(e.toString()).containsEntry("method", e.method()).containsEntry("route", e.route())
                        .containsEntry("status", Integer.toString(e.status()));
                assertThat(fields.get("duration_ms")).as(e.toString()).matches("\\d+");
            }

            assertThat(output).as("the output names no credential, secret or identity").doesNotContain(token)
                    .doesNotContain(auth.substring("Basic ".length())).doesNotContain(totpSecret).doesNotContain(identity);
            assertThat(Pattern.compile("(?<![0-9])" + code + "(?![0-9])").matcher(output).find()).as("the TOTP code in the output")
                    .isFalse();
        }
    }

    @Test
    void aBadLogFormatOrGraceIsOneLineAndExitTwoBeforeAnythingIsWritten() throws Exception {
        Path dataDir = dir.resolve("untouched");
        Map<String, List<String>> cases = Map.of(
                "ASSENT_LOG_FORMAT", List.of("logfmt", "assent: invalid ASSENT_LOG_FORMAT='logfmt': expected text or json"),
                "ASSENT_SHUTDOWN_GRACE", List.of("20", "assent: invalid ASSENT_SHUTDOWN_GRACE='20': expected a duration from 0 "
                        + "to 1h such as 500ms, 20s, 10m, 24h, 30d or PT20S"));
        for (Map.Entry<String, List<String>> bad : cases.entrySet()) {
            Process process = AssentJar.command(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PORT", "0",
                    bad.getKey(), bad.getValue().get(0)), "dev").start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            List<String> stderr = new String(process.getErrorStream().readAllBytes()).lines().toList();
            assertThat(process.exitValue()).as(stderr.toString()).isEqualTo(2);
            assertThat(stderr).as(bad.getKey()).containsExactly(bad.getValue().get(1));
            assertThat(dataDir).as("nothing written for a bad " + bad.getKey()).doesNotExist();
        }
    }

    /** Checks a response's status and request id and records the access line it must have. */
    private static Http.Reply expect(List<Expected> expected, Http.Reply reply, int status, String method, String route) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
        String id = reply.header("Twilio-Request-Id");
        assertThat(id).as("the request id of " + method + " " + route).matches(REQUEST_ID);
        expected.add(new Expected(id, method, route, status));
        return reply;
    }
}
