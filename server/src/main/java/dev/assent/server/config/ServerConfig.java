package dev.assent.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server needs to start, read once and validated before the port opens.
 *
 * @param host        the address to bind
 * @param port        the port to bind; 0 picks a free one
 * @param dataDir     where the embedded SQLite database lives (used when no database URL is set)
 * @param database    PostgreSQL connection settings; empty means the embedded SQLite database
 * @param publicUrl   the base URL clients reach this server at, used in {@code url}, {@code links}
 *                    and paging URLs; empty means {@code http://<host>:<bound port>}
 * @param console     whether the developer console is served at {@code /console}
 */
public record ServerConfig(String host, int port, Path dataDir, Optional<DatabaseConfig> database, Optional<URI> publicUrl,
        boolean console) {

    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        Objects.requireNonNull(host);
        Objects.requireNonNull(dataDir);
        Objects.requireNonNull(database);
        Objects.requireNonNull(publicUrl);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        publicUrl.ifPresent(ServerConfig::checkPublicUrl);
    }

    /** A configuration without the developer console. */
    public ServerConfig(String host, int port, Path dataDir, Optional<DatabaseConfig> database, Optional<URI> publicUrl) {
        this(host, port, dataDir, database, publicUrl, false);
    }

    public ServerConfig withConsole(boolean enabled) {
        return new ServerConfig(host, port, dataDir, database, publicUrl, enabled);
    }

    /** PostgreSQL settings; the password is redacted from {@code toString}. */
    public record DatabaseConfig(String jdbcUrl, Optional<String> user, Optional<String> password, int poolSize) {
        public DatabaseConfig {
            Objects.requireNonNull(jdbcUrl);
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("ASSENT_DATABASE_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host/db)");
            }
            if (poolSize < 1 || poolSize > 200) {
                throw new IllegalArgumentException("database pool size must be 1 to 200");
            }
        }

        @Override
        public String toString() {
            return "DatabaseConfig[jdbcUrl=" + jdbcUrl.replaceAll("password=[^&]*", "password=***") + ", user=" + user.orElse("-")
                    + ", password=" + (password.isPresent() ? "***" : "-") + ", poolSize=" + poolSize + "]";
        }
    }

    private static void checkPublicUrl(URI url) {
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("the public URL must be an absolute http(s) URL, not " + url);
        }
        if (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/")) {
            throw new IllegalArgumentException("the public URL must have no path (the API lives at /v2), not " + url);
        }
    }

    /** The public base URL without a trailing slash, given the port actually bound. */
    public String publicBase(int boundPort) {
        return publicUrl.map(u -> u.toString().replaceAll("/+$", ""))
                .orElseGet(() -> "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + boundPort);
    }
}
