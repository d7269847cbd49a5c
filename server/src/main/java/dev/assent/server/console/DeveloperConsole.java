package dev.assent.server.console;

import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.api.ApiError;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the developer console's static files under {@code /console}, or answers 404 for every path
 * there when the console is off. The files are a fixed list read from the classpath once, at start:
 * nothing else under {@code /console} exists, so no request path ever reaches the class loader.
 *
 * <p>Every console response forbids caching and carries a strict Content-Security-Policy: the page may
 * load scripts, styles and images only from this origin and talk only to this origin's API.
 */
public final class DeveloperConsole {

    /** The path the console lives at. */
    public static final String PATH = "/console";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Request path → file; {@code /console} and {@code /console/} are the page itself. */
    private static final Map<String, String> FILES = Map.of(
            "", "index.html",
            "/", "index.html",
            "/index.html", "index.html",
            "/console.css", "console.css",
            "/app.js", "app.js",
            "/api.js", "api.js",
            "/device.js", "device.js",
            "/passkey.js", "passkey.js",
            "/icon.svg", "icon.svg");

    private final boolean enabled;
    private final Map<String, Asset> assets;

    private record Asset(byte[] bytes, String contentType) {
    }

    public DeveloperConsole(boolean enabled) {
        this.enabled = enabled;
        this.assets = enabled ? load() : Map.of();
    }

    /**
     * Whether {@code ASSENT_CONSOLE} asks for the console: {@code true} or {@code false} (any case);
     * anything else is a configuration mistake.
     */
    public static boolean requestedBy(Optional<String> environmentValue) {
        return requestedBy(ConfigSource.of(environmentValue.map(v -> Map.of(ConfigKey.CONSOLE.variable(), v)).orElse(Map.of())));
    }

    /** Whether {@code ASSENT_CONSOLE} asks for the console ({@code true} or {@code false}, any case; unset or blank: no). */
    public static boolean requestedBy(ConfigSource config) {
        return config.bool(ConfigKey.CONSOLE, false);
    }

    /**
     * Where to open the console for passkeys when {@code base} is a loopback IP address: the same port
     * at {@code localhost}. WebAuthn never takes an IP address as relying party id, and
     * {@code http://localhost} is a secure context whose host can be one. Empty for any other base.
     */
    public static Optional<String> passkeysAddress(String base) {
        URI uri = URI.create(base);
        String host = uri.getHost();
        if (!"127.0.0.1".equals(host) && !"[::1]".equals(host)) {
            return Optional.empty();
        }
        return Optional.of(uri.getScheme() + "://localhost" + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + PATH);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Registers the console's handler; it must come before any catch-all route. */
    public void routing(HttpRouting.Builder routing) {
        routing.any(this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
            res.next();
            return;
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Asset asset = enabled ? assets.get(path.substring(PATH.length())) : null;
        if (asset == null) {
            notFound(res, path);
            return;
        }
        Method method = req.prologue().method();
        if (!method.equals(Method.GET) && !method.equals(Method.HEAD)) {
            res.status(Status.METHOD_NOT_ALLOWED_405).header(HeaderNames.ALLOW, "GET, HEAD").send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        res.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Referrer-Policy", "no-referrer");
        res.header("X-Frame-Options", "DENY");
        res.header("Cross-Origin-Opener-Policy", "same-origin");
        if (method.equals(Method.HEAD)) {
            res.contentLength(asset.bytes().length);
            res.send();
        } else {
            res.send(asset.bytes());
        }
    }

    /** The API's own 404 body, so a disabled console looks like any unknown resource. */
    private static void notFound(ServerResponse res, String path) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", ApiError.NOT_FOUND.code());
        body.put("message", "The requested resource " + path + " was not found");
        body.put("more_info", ApiError.NOT_FOUND.moreInfo());
        body.put("status", 404);
        res.status(Status.NOT_FOUND_404);
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Asset> load() {
        Map<String, Asset> loaded = new LinkedHashMap<>();
        FILES.forEach((requestPath, file) -> loaded.put(requestPath, new Asset(read(file), contentType(file))));
        return Map.copyOf(loaded);
    }

    private static byte[] read(String file) {
        try (InputStream in = DeveloperConsole.class.getResourceAsStream("/console/" + file)) {
            if (in == null) {
                throw new IllegalStateException("console resource missing from the classpath: console/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalArgumentException("no content type for " + file);
        };
    }
}
