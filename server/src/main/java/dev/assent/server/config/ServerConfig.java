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
 * @param settings    everything else: workers, push, limits, outbound policy, encryption keys, TLS, management
 *                    listener; {@link ServerSettings#DEFAULTS} unless loaded or set
 */
public record ServerConfig(String host, int port, Path dataDir, Optional<DatabaseConfig> database, Optional<URI> publicUrl,
        boolean console, ServerSettings settings) {

    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        Objects.requireNonNull(host);
        Objects.requireNonNull(dataDir);
        Objects.requireNonNull(database);
        Objects.requireNonNull(publicUrl);
        Objects.requireNonNull(settings);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        publicUrl.ifPresent(ServerConfig::checkPublicUrl);
    }

    /** A configuration without the developer console, with the default settings. */
    public ServerConfig(String host, int port, Path dataDir, Optional<DatabaseConfig> database, Optional<URI> publicUrl) {
        this(host, port, dataDir, database, publicUrl, false, ServerSettings.DEFAULTS);
    }

    /**
     * The whole tree from the loaded configuration, validated: every bad value is an
     * {@link IllegalArgumentException} naming its variable and value, before anything is opened.
     *
     * @param dev     {@code assent dev}: loopback host, a default data directory, the console, dev's outbound defaults
     * @param serving whether the command serves (a production one then needs a public URL)
     */
    public static ServerConfig from(ConfigSource config, boolean dev, boolean serving) {
        int port = config.port(ConfigKey.PORT, 0, DEFAULT_PORT);
        String host = config.string(ConfigKey.HOST).orElse(dev ? "127.0.0.1" : "0.0.0.0");
        Optional<Path> dir = config.path(ConfigKey.DATA_DIR);
        Optional<String> url = config.string(ConfigKey.DATABASE_URL);
        Optional<URI> pub = config.url(ConfigKey.PUBLIC_URL);
        if (!dev) {
            // A production start never guesses where its data lives or how clients reach it.
            if (url.isEmpty() && dir.isEmpty()) {
                throw new IllegalArgumentException("no database configured: set ASSENT_DATABASE_URL (PostgreSQL) "
                        + "or ASSENT_DATA_DIR (embedded SQLite), or use `assent dev`");
            }
            if (pub.isEmpty() && serving) {
                throw new IllegalArgumentException("no public URL configured: set ASSENT_PUBLIC_URL (e.g. https://verify.example.com)");
            }
        }
        if (url.isPresent() && !url.get().startsWith("jdbc:postgresql:")) {
            throw config.invalid(ConfigKey.DATABASE_URL, "a PostgreSQL JDBC URL (jdbc:postgresql://host/db)");
        }
        pub.ifPresent(u -> {
            if (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/")) {
                throw config.invalid(ConfigKey.PUBLIC_URL, "an absolute http(s) URL without a path (the API lives at /v2)");
            }
        });
        int poolSize = config.integer(ConfigKey.DATABASE_POOL_SIZE, 1, 200, 16);
        Optional<DatabaseConfig> database = url.map(u -> new DatabaseConfig(u, config.string(ConfigKey.DATABASE_USER),
                config.raw(ConfigKey.DATABASE_PASSWORD), poolSize));
        boolean console = dev || config.bool(ConfigKey.CONSOLE, false);
        return new ServerConfig(host, port, dir.orElse(Path.of(".assent")), database, pub, console,
                ServerSettings.from(config, dev));
    }

    public ServerConfig withConsole(boolean enabled) {
        return new ServerConfig(host, port, dataDir, database, publicUrl, enabled, settings);
    }

    /** This configuration with other settings (workers, limits, keys, …): how tests tune a server. */
    public ServerConfig withSettings(ServerSettings value) {
        return new ServerConfig(host, port, dataDir, database, publicUrl, console, value);
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
