package dev.assent.server.accesstoken;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.ResourceNotFound;
import dev.assent.server.api.Transactions;
import dev.assent.server.entity.Identity;
import dev.assent.server.factor.CreatedFactor;
import dev.assent.server.factor.FactorType;
import dev.assent.server.factor.Factors;
import dev.assent.server.factor.NewFactorRequest;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AccessToken resource: a backend issues a single-use enrollment token for one identity; the
 * device presents it once to create its push factor (docs/push-protocol.md §2.2, §11 steps 1–3).
 */
public final class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    public static final Duration MIN_TTL = Duration.ofSeconds(60);
    public static final Duration MAX_TTL = Duration.ofSeconds(300);
    public static final int MAX_FRIENDLY_NAME = Factors.MAX_FRIENDLY_NAME;

    private final AccessTokenStore store;
    private final Factors factors;
    private final Transactions transactions;
    /** Loaded on first use and then kept; racing first uses load the same stored key. */
    private volatile EnrollmentSigningKey signingKey;

    public AccessTokens(AccessTokenStore store, Factors factors, Transactions transactions) {
        this.store = store;
        this.factors = factors;
        this.transactions = transactions;
    }

    public AccessToken create(VerifyService service, NewAccessTokenRequest request, Instant now) {
        String identity = Identity.require("Identity", request.identity().orElse(null));
        String type = request.factorType().filter(t -> !t.isEmpty())
                .orElseThrow(() -> ApiException.missingParameter("FactorType"));
        if (!"push".equals(type)) {
            throw new ApiException(ApiError.UNSUPPORTED_TOKEN_FACTOR_TYPE,
                    "Invalid parameter FactorType '" + type + "': access tokens are issued for push factors only");
        }
        Optional<String> friendlyName = request.factorFriendlyName();
        friendlyName.ifPresent(name -> {
            if (name.isBlank() || name.length() > MAX_FRIENDLY_NAME) {
                throw ApiException.invalidParameter("FactorFriendlyName", name, "must be 1 to " + MAX_FRIENDLY_NAME + " characters");
            }
        });
        int ttlSeconds = request.ttl().orElse((int) DEFAULT_TTL.toSeconds());
        if (ttlSeconds < MIN_TTL.toSeconds() || ttlSeconds > MAX_TTL.toSeconds()) {
            throw ApiException.invalidParameter("Ttl", Integer.toString(ttlSeconds),
                    "must be between " + MIN_TTL.toSeconds() + " and " + MAX_TTL.toSeconds());
        }
        Duration ttl = Duration.ofSeconds(ttlSeconds);
        // JWT times are whole seconds; the row's expiry is the token's exp exactly.
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        Instant expiresAt = issuedAt.plus(ttl);
        Sid sid = Sid.generate(SidType.ACCESS_TOKEN);
        EnrollmentClaims claims = new EnrollmentClaims(sid, service.accountSid(), service.sid(), identity, FactorType.PUSH,
                friendlyName, issuedAt, expiresAt);
        String jwt = EnrollmentToken.sign(claims, signingKey(now));
        AccessToken token = new AccessToken(sid, service.accountSid(), service.sid(), identity, FactorType.PUSH, friendlyName,
                ttl, jwt, expiresAt, Optional.empty(), now);
        transactions.run(() -> store.insert(token));
        log.info("issued access token {} for service {}", sid, service.sid());
        return token;
    }

    public AccessToken fetch(VerifyService service, Sid tokenSid) {
        return store.find(tokenSid)
                .filter(t -> t.serviceSid().equals(service.sid()))
                .orElseThrow(() -> new ResourceNotFound(SidType.ACCESS_TOKEN, tokenSid.value()));
    }

    /**
     * The access token a device presents: its MAC must verify, it must be unexpired at {@code now}, and
     * its row must exist and be unused. Any failure is 401 (the SDK does not retry factor creation).
     */
    public AccessToken authenticate(String compact, Instant now) {
        EnrollmentClaims claims;
        try {
            claims = EnrollmentToken.verify(compact, signingKey(now), now);
        } catch (EnrollmentTokenException e) {
            log.info("access token rejected: {}", e.reason());
            throw unauthenticated("Access token rejected: " + e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        Optional<AccessToken> found = store.find(claims.tokenSid()).filter(t -> t.describedBy(claims));
        if (found.isEmpty()) {
            // A valid MAC on a token we have no row for: its service was deleted (rows go with it).
            log.info("access token {} rejected: unknown", claims.tokenSid());
            throw unauthenticated("Access token rejected: unknown token");
        }
        if (found.get().dateUsed().isPresent()) {
            log.info("access token {} rejected: already used", claims.tokenSid());
            throw unauthenticated("Access token rejected: already used");
        }
        return found.get();
    }

    /** A token enrolls only under its own service and identity; any other URL is 403. */
    public static void requireScope(AccessToken token, String serviceSid, String identity) {
        if (!token.serviceSid().value().equals(serviceSid) || !token.identity().equals(identity)) {
            throw new ApiException(ApiError.FORBIDDEN, "This access token enrolls a factor for another service or identity");
        }
    }

    /**
     * Creates the push factor the token allows and uses the token up, in one transaction: if creation
     * fails the token stays usable, and of two concurrent uses exactly one creates a factor (the other
     * gets 401). {@code FactorType} defaults to {@code push} and {@code FriendlyName} to the token's
     * {@code factor_friendly_name}.
     */
    public CreatedFactor enroll(AccessToken token, VerifyService service, NewFactorRequest request, Instant now) {
        if (!service.sid().equals(token.serviceSid())) {
            throw new ApiException(ApiError.FORBIDDEN, "This access token enrolls a factor for another service or identity");
        }
        String type = request.factorType().orElse("push");
        if (!"push".equals(type)) {
            throw new ApiException(ApiError.FORBIDDEN, "An access token enrolls a push factor only, not '" + type + "'");
        }
        NewFactorRequest push = new NewFactorRequest(request.friendlyName().or(token::factorFriendlyName), Optional.of(type),
                request.bindingAlg(), request.bindingPublicKey(), request.bindingSecret(), request.configAppId(),
                request.configNotificationPlatform(), request.configNotificationToken(), request.configSdkVersion(),
                request.configTimeStep(), request.configSkew(), request.configCodeLength(), request.configAlg(), request.metadata());
        CreatedFactor created = factors.create(service, token.identity(), push, now, () -> {
            if (!store.markUsed(token.sid(), now)) {
                log.info("access token {} rejected: used by a concurrent request or expired", token.sid());
                throw unauthenticated("Access token rejected: already used");
            }
        });
        log.info("access token {} enrolled factor {}", token.sid(), created.factor().sid());
        return created;
    }

    private EnrollmentSigningKey signingKey(Instant now) {
        EnrollmentSigningKey key = signingKey;
        if (key == null) {
            EnrollmentSigningKey candidate = EnrollmentSigningKey.generate();
            key = transactions.inTransaction(() -> store.signingKey(candidate, now));
            log.info("enrollment token signing key {}", key == candidate ? "generated and stored" : "loaded from the database");
            signingKey = key;
        }
        return key;
    }

    private static ApiException unauthenticated(String detail) {
        return new ApiException(ApiError.UNAUTHENTICATED, detail);
    }
}
