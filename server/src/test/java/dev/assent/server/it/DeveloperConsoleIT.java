package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.AssentServer;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.storage.Database;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.secrets.EncryptionKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the console is served, or not: content types, caching, CSP, and 404 everywhere under /console when off. */
class DeveloperConsoleIT {

    private static final Map<String, String> FILES = Map.of(
            "/console", "text/html; charset=utf-8",
            "/console/", "text/html; charset=utf-8",
            "/console/app.js", "text/javascript; charset=utf-8",
            "/console/api.js", "text/javascript; charset=utf-8",
            "/console/device.js", "text/javascript; charset=utf-8",
            "/console/passkey.js", "text/javascript; charset=utf-8",
            "/console/console.css", "text/css; charset=utf-8",
            "/console/icon.svg", "image/svg+xml");

    @TempDir
    Path dataDir;

    private final HttpClient client = HttpClient.newHttpClient();

    private AssentServer start(boolean console) {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty(), Optional.empty()).withConsole(console);
        return AssentServer.start(config.withSettings(ServerSettings.DEFAULTS.withEncryption(EncryptionKeys.generate("test1"))),
                Database.sqlite(dataDir), Clock.systemUTC());
    }

    private HttpResponse<String> send(String method, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheStaticFilesWithContentTypesNoStoreAndAStrictCsp() throws Exception {
        try (AssentServer server = start(true)) {
            for (var file : FILES.entrySet()) {
                HttpResponse<String> response = send("GET", server.publicBase() + file.getKey());
                assertThat(response.statusCode()).as(file.getKey()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).as(file.getKey()).hasValue(file.getValue());
                assertThat(response.headers().firstValue("Cache-Control")).as(file.getKey()).hasValue("no-store");
                assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
                assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                        .startsWith("default-src 'self';").contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline", "unsafe-eval");
                assertThat(response.body()).isNotBlank();
            }
            assertThat(send("GET", server.publicBase() + "/console").body()).contains("<script type=\"module\" src=\"/console/app.js\">")
                    .doesNotContain("<script>", "style=\"");
            HttpResponse<String> head = send("HEAD", server.publicBase() + "/console/app.js");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Length").map(Long::parseLong).orElseThrow()).isPositive();

            // Only the listed files exist: no directory listing, no path tricks, no other method.
            for (String path : new String[] {"/console/nope.js", "/console/../pom.xml", "/console/%2e%2e/pom.xml",
                    "/console/console/app.js", "/console/index.html/", "/consoles"}) {
                HttpResponse<String> response = send("GET", server.publicBase() + path);
                assertThat(response.statusCode()).as(path).isIn(401, 404);
            }
            assertThat(send("POST", server.publicBase() + "/console/app.js").statusCode()).isEqualTo(405);
            // The API next door is unchanged.
            assertThat(send("GET", server.publicBase() + "/v2/Services").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void isNotFoundEverywhereUnderConsoleWhenNotEnabled() throws Exception {
        try (AssentServer server = start(false)) {
            for (String path : FILES.keySet()) {
                HttpResponse<String> response = send("GET", server.publicBase() + path);
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(response.body()).as(path).contains("\"code\":20404");
                assertThat(response.headers().firstValue("Content-Security-Policy")).isEmpty();
            }
            assertThat(send("HEAD", server.publicBase() + "/console").statusCode()).isEqualTo(404);
            assertThat(send("GET", server.publicBase() + "/healthz").statusCode()).isEqualTo(200);
        }
    }
}
