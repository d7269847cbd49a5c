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
    /** The one kind of factor an access token enrolls. */
    public static final FactorType FACTOR_TYPE = FactorType.PUSH;

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
        String identity = request.identity();
        Optional<String> friendlyName = request.factorFriendlyName();
        Duration ttl = request.ttl().orElse(DEFAULT_TTL);
        if (!Identity.isValid(identity) || ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("access token request not checked at the edge");
        }
        // JWT times are whole seconds; the row's expiry is the token's exp exactly.
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        Instant expiresAt = issuedAt.plus(ttl);
        Sid sid = Sid.generate(SidType.ACCESS_TOKEN);
        EnrollmentClaims claims = new EnrollmentClaims(sid, service.accountSid(), service.sid(), identity, FACTOR_TYPE,
                friendlyName, issuedAt, expiresAt);
        String jwt = EnrollmentToken.sign(claims, signingKey(now));
        AccessToken token = new AccessToken(sid, service.accountSid(), service.sid(), identity, FACTOR_TYPE, friendlyName,
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
            throw unauthenticated("Access token rejected: " + e.reason().description());
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

    /**
     * Creates the push factor the token allows and uses the token up, in one transaction: if creation
     * fails the token stays usable, and of two concurrent uses exactly one creates a factor (the other
     * gets 401). The edge defaults the request's factor type to {@link #FACTOR_TYPE} and its friendly
     * name to the token's.
     */
    public CreatedFactor enroll(AccessToken token, VerifyService service, NewFactorRequest request, Instant now) {
        // The edge's AccessPolicy admits a token only to its own service and identity's URL; checked again here.
        if (!service.sid().equals(token.serviceSid())) {
            throw new ApiException(ApiError.FORBIDDEN, "This access token enrolls a factor for another service or identity");
        }
        if (request.type() != FACTOR_TYPE) {
            throw new ApiException(ApiError.FORBIDDEN, "An access token enrolls a " + FACTOR_TYPE.wireName() + " factor only, not '"
                    + request.type().wireName() + "'");
        }
        CreatedFactor created = factors.create(service, token.identity(), request, now, () -> {
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
