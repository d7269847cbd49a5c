package dev.assent.server.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration variable Assent reads, declared once: its name, the flag that overrides it (if
 * any), its type, its default and what it means. {@link ConfigSource} reads by these keys only, and the
 * README's configuration reference is generated from this list ({@code ConfigReferenceTest}), so the
 * documentation cannot drift from what is read.
 */
public enum ConfigKey {
    CONFIG_FILE("ASSENT_CONFIG_FILE", "--config", "path",
            "–", "a Java properties file of `ASSENT_*=value` lines read under the environment (flags > environment > file); "
            + "an unknown `ASSENT_*` key in it is an error"),
    PORT("ASSENT_PORT", "--port", "port", "`8080`", "port to listen on (0: any free port)"),
    HOST("ASSENT_HOST", "--host", "host", "`127.0.0.1` in dev, `0.0.0.0` in `serve`", "address to bind"),
    DATA_DIR("ASSENT_DATA_DIR", "--data-dir", "path", "`./.assent` in dev", "directory of the embedded SQLite database"),
    DATABASE_URL("ASSENT_DATABASE_URL", "--database-url", "JDBC URL", "–",
            "PostgreSQL JDBC URL (`jdbc:postgresql://host:5432/assent`); when set, PostgreSQL is used"),
    DATABASE_USER("ASSENT_DATABASE_USER", null, "text", "–", "PostgreSQL user (or put it in the URL)"),
    DATABASE_PASSWORD("ASSENT_DATABASE_PASSWORD", null, "secret", "–", "PostgreSQL password (or put it in the URL)"),
    DATABASE_POOL_SIZE("ASSENT_DATABASE_POOL_SIZE", null, "integer 1–200", "`16`", "PostgreSQL connections per node"),
    PUBLIC_URL("ASSENT_PUBLIC_URL", "--public-url", "URL", "`http://<host>:<port>` in dev",
            "base URL clients reach Assent at, without a path; used in `url`, `links` and `meta.*_url`; required by `serve`"),
    CONSOLE("ASSENT_CONSOLE", "--console", "boolean", "on in dev, `false` in `serve`",
            "serve the [browser console](#browser-console) at `/console`"),
    MIGRATE("ASSENT_MIGRATE", "--no-migrate", "boolean", "`true`",
            "`false`: `serve` only checks the schema and refuses to start unless it is at this release's version "
            + "([migrations](#migrations))"),
    ENCRYPTION_KEYS("ASSENT_ENCRYPTION_KEYS", null, "secret", "dev: a key file in the data directory",
            "the keys that seal every stored secret: `id:base64key` entries, comma-separated, the first active "
            + "([secrets and keys](#secrets-and-keys)); required by `serve`"),
    ENCRYPTION_KEY_FILE("ASSENT_ENCRYPTION_KEY_FILE", null, "path", "–",
            "a file holding the same entries, one a line (`#` comments); instead of `ASSENT_ENCRYPTION_KEYS`"),
    LOG_LEVEL("ASSENT_LOG_LEVEL", null, "level", "`INFO`", "root log level (logs go to stderr); environment only, read by logback"),
    LOG_FORMAT("ASSENT_LOG_FORMAT", null, "`text` or `json`", "`text`",
            "`json`: one JSON object per line ([logs](#logs)); environment only, applied before anything logs"),
    SHUTDOWN_GRACE("ASSENT_SHUTDOWN_GRACE", null, "duration ≤ 1h", "`20s`",
            "how long a stop (SIGTERM) gives requests in flight and worker sends to finish ([shutdown](#shutdown))"),
    APNS_HOST("ASSENT_APNS_HOST", null, "host", "`api.push.apple.com`",
            "APNs endpoint for credentials with `Sandbox=false` ([push](#push-notifications-apns-and-fcm))"),
    APNS_SANDBOX_HOST("ASSENT_APNS_SANDBOX_HOST", null, "host", "`api.sandbox.push.apple.com`, or `ASSENT_APNS_HOST` when only it is set",
            "APNs endpoint for credentials with `Sandbox=true`"),
    APNS_PORT("ASSENT_APNS_PORT", null, "port", "`443`", "APNs port, for both hosts"),
    APNS_TRUSTED_CERTIFICATE("ASSENT_APNS_TRUSTED_CERTIFICATE", null, "path", "– (the JDK's CAs)",
            "PEM file of the CA to trust for APNs instead of the JDK's (a local APNs peer)"),
    FCM_URL("ASSENT_FCM_URL", null, "URL", "`https://fcm.googleapis.com`", "base URL of the FCM HTTP v1 API"),
    FCM_TOKEN_URL("ASSENT_FCM_TOKEN_URL", null, "URL", "`https://oauth2.googleapis.com/token`",
            "OAuth 2.0 token endpoint for FCM service accounts (a service account's own `token_uri` is ignored)"),
    PUSH_POLL_MILLIS("ASSENT_PUSH_POLL_MILLIS", null, "milliseconds", "`1000`", "how often an idle push worker looks for due jobs"),
    OUTBOUND_ALLOW("ASSENT_OUTBOUND_ALLOW", null, "CIDR list", "none in `serve`; `127.0.0.0/8,::1/128` in dev",
            "comma-separated CIDRs that webhooks and FCM may reach although loopback, private or reserved "
            + "([network egress](#network-egress))"),
    OUTBOUND_ALLOW_HTTP("ASSENT_OUTBOUND_ALLOW_HTTP", null, "boolean", "`false` in `serve`, `true` in dev",
            "allow plain `http` webhook and FCM URLs"),
    MANAGEMENT_PORT("ASSENT_MANAGEMENT_PORT", null, "port 1–65535", "none: on the public port",
            "serve `/metrics` and the health probes on this separate listener only ([metrics](#metrics))"),
    MANAGEMENT_HOST("ASSENT_MANAGEMENT_HOST", null, "host", "`ASSENT_HOST`", "address of the management listener"),
    LIMIT_TOTP_LOCKOUT("ASSENT_LIMIT_TOTP_LOCKOUT", null, "1–1000 or `off`", "`10`",
            "wrong TOTP codes in a row, across a factor's challenges, that lock it ([TOTP lockout](#totp-lockout))"),
    LIMIT_CHALLENGE_CREATION("ASSENT_LIMIT_CHALLENGE_CREATION", null, "rate limits or `off`", "`50/1h,100/24h`",
            "challenges created per factor: push, and TOTP codes of 5 or more digits ([limits](#limits-and-abuse-protection))"),
    LIMIT_CHALLENGE_CREATION_SHORT_CODES("ASSENT_LIMIT_CHALLENGE_CREATION_SHORT_CODES", null, "rate limits or `off`", "`10/24h`",
            "challenges created per factor with TOTP codes of at most 4 digits"),
    LIMIT_PENDING_PUSH_CHALLENGES("ASSENT_LIMIT_PENDING_PUSH_CHALLENGES", null, "count or `off`", "`10`",
            "pending push challenges per factor"),
    LIMIT_FACTOR_CREATION("ASSENT_LIMIT_FACTOR_CREATION", null, "rate limits or `off`", "`100/24h`",
            "factors created per entity (deleted factors still count)"),
    PASSKEY_CHALLENGE_TTL("ASSENT_PASSKEY_CHALLENGE_TTL", null, "duration 1s–60m", "`5m`",
            "how long a passkeys login challenge stays `pending`, and the WebAuthn `timeout` it is given ([passkeys](#passkeys))"),
    PASSKEY_REGISTRATION_TTL("ASSENT_PASSKEY_REGISTRATION_TTL", null, "duration 1s–60m", "`10m`",
            "how long a passkeys factor's registration accepts its attestation (`Passkeys/VerifyFactor`), and its WebAuthn `timeout`"),
    RETENTION_CHALLENGES("ASSENT_RETENTION_CHALLENGES", null, "duration or `off`", "`30d`",
            "how long answered or expired challenges are kept ([retention](#retention-and-caps))"),
    RETENTION_DELIVERIES("ASSENT_RETENTION_DELIVERIES", null, "duration or `off`", "`7d`",
            "how long finished push jobs and webhook deliveries are kept"),
    RETENTION_ACCESS_TOKENS("ASSENT_RETENTION_ACCESS_TOKENS", null, "duration or `off`", "`1d`",
            "how long used or expired access tokens are kept"),
    RETENTION_UNVERIFIED_FACTORS("ASSENT_RETENTION_UNVERIFIED_FACTORS", null, "duration or `off`", "`24h`",
            "how long factors still `unverified` are kept"),
    RETENTION_INTERVAL("ASSENT_RETENTION_INTERVAL", null, "duration", "`10m`", "how often the retention job runs"),
    HTTP_MAX_CONNECTIONS("ASSENT_HTTP_MAX_CONNECTIONS", null, "integer ≥ 1", "`4096`",
            "open connections at once; always kept below the process's file descriptor limit (beyond the descriptors "
            + "open at start, a quarter of it, at least 128, stays free); more connections wait in the accept backlog ([connections](#connections-and-requests))"),
    HTTP_MAX_CONCURRENT_REQUESTS("ASSENT_HTTP_MAX_CONCURRENT_REQUESTS", null, "integer ≥ 1", "`1024`",
            "requests served at once; beyond it 503"),
    HTTP_REQUEST_TIMEOUT("ASSENT_HTTP_REQUEST_TIMEOUT", null, "seconds", "`20`",
            "seconds a request may take to arrive once its first line is in (headers and body); a slower one's connection is closed"),
    HTTP_IDLE_TIMEOUT("ASSENT_HTTP_IDLE_TIMEOUT", null, "seconds", "`60`",
            "seconds a connection may wait for its next request (or sit with a half-sent first line)"),
    TLS_CERT("ASSENT_TLS_CERT", null, "path", "– (plain HTTP)",
            "PEM certificate chain (leaf first): TLS on the listener, with `ASSENT_TLS_KEY` ([TLS](#tls-and-reverse-proxies))"),
    TLS_KEY("ASSENT_TLS_KEY", null, "path", "–", "its unencrypted PEM private key; both or neither"),
    TLS_RELOAD_INTERVAL("ASSENT_TLS_RELOAD_INTERVAL", null, "seconds 1–3600", "`10`",
            "seconds between checks of the two files for a new certificate"),
    ACCOUNT_SID("ASSENT_ACCOUNT_SID", null, "`AC…`", "the oldest account, or a new one",
            "`dev` only: the dev account's SID, with `ASSENT_AUTH_TOKEN`, to keep the credentials fixed across restarts"),
    AUTH_TOKEN("ASSENT_AUTH_TOKEN", null, "secret", "–", "`dev` only: the dev account's auth token");

    private final String variable;
    private final String flag;
    private final String type;
    private final String defaultText;
    private final String description;

    ConfigKey(String variable, String flag, String type, String defaultText, String description) {
        this.variable = variable;
        this.flag = flag;
        this.type = type;
        this.defaultText = defaultText;
        this.description = description;
    }

    /** The environment variable (and config file key). */
    public String variable() {
        return variable;
    }

    /** The command-line flag that overrides it, if there is one. */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    public String type() {
        return type;
    }

    /** The default, as the reference shows it. */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** Whether its value is a secret: printed as {@code ***}, never in a log or an error message. */
    public boolean secret() {
        return "secret".equals(type);
    }

    public static Optional<ConfigKey> byVariable(String variable) {
        return Arrays.stream(values()).filter(k -> k.variable.equals(variable)).findFirst();
    }

    /** The README's configuration reference: one Markdown table row per key, in declaration order. */
    public static String referenceTable() {
        StringBuilder out = new StringBuilder("| variable | flag | type | default | meaning |\n|---|---|---|---|---|\n");
        for (ConfigKey key : values()) {
            out.append("| `").append(key.variable).append("` | ").append(key.flag().map(f -> "`" + f + "`").orElse(""))
                    .append(" | ").append(key.type).append(" | ").append(key.defaultText).append(" | ")
                    .append(key.description).append(" |\n");
        }
        return out.toString();
    }
}
