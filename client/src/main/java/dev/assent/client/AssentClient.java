package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Transport;
import java.net.URI;
import java.time.Duration;

/**
 * A client for one Assent server (or any Twilio Verify v2 compatible endpoint): holds the base URL,
 * the credentials, timeouts and the retry policy, and hands out one API object per resource.
 * Immutable and thread-safe; build it once with {@link #builder()} and share it.
 *
 * <pre>{@code
 * AssentClient client = AssentClient.builder()
 *         .baseUrl("http://localhost:8080")
 *         .credentials(accountSid, authToken)
 *         .build();
 * Challenge challenge = client.challenges().fetchChallenge(serviceSid, identity, challengeSid);
 * }</pre>
 *
 * <p>Requests are authenticated with HTTP Basic. GET and DELETE are retried on 429, 5xx and connection
 * failures with exponential backoff and jitter (honouring {@code Retry-After}); POST never is. An error
 * answer becomes an {@link AssentException}; an argument outside the documented limits becomes an
 * {@link IllegalArgumentException} before any request is sent; a connection failure that outlasts the
 * retries becomes an {@link java.io.UncheckedIOException}.
 */
public final class AssentClient {

    /** Default time allowed to open a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time allowed for one request, from sending to the whole response. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Default number of retries of an idempotent request. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** Default backoff before the first retry; it doubles with each retry. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(250);
    /** Default cap on one backoff. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

    private final ServicesApi services;
    private final EntitiesApi entities;
    private final FactorsApi factors;
    private final ChallengesApi challenges;
    private final NotificationsApi notifications;
    private final WebhooksApi webhooks;
    private final AccessTokensApi accessTokens;
    private final PasskeysApi passkeys;

    private AssentClient(Transport transport) {
        this.services = new ServicesApi(transport);
        this.entities = new EntitiesApi(transport);
        this.factors = new FactorsApi(transport);
        this.challenges = new ChallengesApi(transport);
        this.notifications = new NotificationsApi(transport);
        this.webhooks = new WebhooksApi(transport);
        this.accessTokens = new AccessTokensApi(transport);
        this.passkeys = new PasskeysApi(transport);
    }

    /** A builder; {@code baseUrl} and credentials are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Services: {@code /v2/Services}. */
    public ServicesApi services() {
        return services;
    }

    /** Entities: {@code /v2/Services/{ServiceSid}/Entities}. */
    public EntitiesApi entities() {
        return entities;
    }

    /** Factors: {@code /v2/Services/{ServiceSid}/Entities/{Identity}/Factors}. */
    public FactorsApi factors() {
        return factors;
    }

    /** Challenges: {@code /v2/Services/{ServiceSid}/Entities/{Identity}/Challenges}. */
    public ChallengesApi challenges() {
        return challenges;
    }

    /** Challenge notifications: {@code …/Challenges/{ChallengeSid}/Notifications}. */
    public NotificationsApi notifications() {
        return notifications;
    }

    /** Webhooks: {@code /v2/Services/{ServiceSid}/Webhooks}. */
    public WebhooksApi webhooks() {
        return webhooks;
    }

    /** Push enrolment access tokens: {@code /v2/Services/{ServiceSid}/AccessTokens}. */
    public AccessTokensApi accessTokens() {
        return accessTokens;
    }

    /** Passkeys: {@code /v2/Services/{ServiceSid}/Passkeys} (JSON bodies). */
    public PasskeysApi passkeys() {
        return passkeys;
    }

    /** Collects the settings of an {@link AssentClient}. */
    public static final class Builder {
        private URI baseUrl;
        private String user;
        private String password;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private String userAgent = "assent-java-client";

        private Builder() {
        }

        /** The server's base URL, e.g. {@code http://localhost:8080}; paths start with {@code /v2}. */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(Check.notNull("baseUrl", baseUrl)));
        }

        /** The server's base URL. */
        public Builder baseUrl(URI baseUrl) {
            Check.notNull("baseUrl", baseUrl);
            if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
                throw new IllegalArgumentException("baseUrl must be http or https: '" + baseUrl + "'");
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /** Authenticates as the account ({@code AC…}) with its Auth Token. */
        public Builder credentials(String accountSid, String authToken) {
            this.user = Check.notNull("accountSid", accountSid);
            this.password = Check.notNull("authToken", authToken);
            return this;
        }

        /** Authenticates with an API key ({@code SK…}) and its secret instead of the Auth Token. */
        public Builder apiKey(String keySid, String keySecret) {
            this.user = Check.notNull("keySid", keySid);
            this.password = Check.notNull("keySecret", keySecret);
            return this;
        }

        /** Time allowed to open a connection. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** Time allowed for one request, from sending to the whole response. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /** Retries of an idempotent request (GET, DELETE) after 429, 5xx or a connection failure; 0 disables. */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = Check.range("maxRetries", maxRetries, 0, 10);
            return this;
        }

        /** Backoff before the first retry (doubling each time, with full jitter) and its cap. */
        public Builder retryBackoff(Duration initial, Duration max) {
            this.initialBackoff = Check.notNull("initial", initial);
            this.maxBackoff = Check.notNull("max", max);
            if (initial.isNegative() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("retryBackoff needs 0 <= initial <= max, was " + initial + ", " + max);
            }
            return this;
        }

        /** The {@code User-Agent} header. */
        public Builder userAgent(String userAgent) {
            this.userAgent = Check.notNull("userAgent", userAgent);
            return this;
        }

        /** Checks that a base URL and credentials were given and builds the client. */
        public AssentClient build() {
            Check.notNull("baseUrl", baseUrl);
            if (user == null) {
                throw new IllegalArgumentException("credentials (or apiKey) are required");
            }
            return new AssentClient(new Transport(baseUrl, user, password, connectTimeout, requestTimeout, maxRetries,
                    initialBackoff, maxBackoff, userAgent));
        }

        private static Duration positive(String name, Duration value) {
            Check.notNull(name, value);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
