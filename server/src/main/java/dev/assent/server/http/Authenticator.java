package dev.assent.server.http;

import dev.assent.server.accesstoken.AccessTokens;
import dev.assent.server.accesstoken.EnrollmentToken;
import dev.assent.server.account.Account;
import dev.assent.server.account.AccountService;
import dev.assent.server.apikey.ApiKeys;
import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.device.DeviceAuthException;
import dev.assent.server.device.DeviceJwt;
import dev.assent.server.device.DeviceKeys;
import dev.assent.server.factor.DeviceFactor;
import dev.assent.server.factor.Factor;
import dev.assent.server.factor.Factors;
import dev.assent.server.factor.PushBinding;
import dev.assent.server.sid.SidType;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the {@code Authorization} header. {@code Basic AC…:<auth token>} is an account;
 * {@code Basic SK…:<secret>} is an API key, acting as its account;
 * {@code Basic token:<device JWT>} is a push device (docs/push-protocol.md §4): the JWT's {@code kid} names
 * the factor's credential SID and it must be signed with that factor's key. {@code Basic token:<access
 * token>} (an HS256 JWS with {@code cty} {@code twilio-fpa;v=1}) is a device enrolling (§2.2). Anything
 * else is 401, always with the same message: why is logged, not told. The account token may be its
 * primary or its secondary auth token; any principal of a disabled account is 401 too.
 */
final class Authenticator {

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    /** Clock skew allowed on a device JWT's {@code nbf}/{@code exp}. */
    static final Duration DEVICE_CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int MAX_HEADER = 8192;

    private final AccountService accounts;
    private final Factors factors;
    private final AccessTokens accessTokens;
    private final ApiKeys apiKeys;

    Authenticator(AccountService accounts, Factors factors, AccessTokens accessTokens, ApiKeys apiKeys) {
        this.accounts = accounts;
        this.factors = factors;
        this.accessTokens = accessTokens;
        this.apiKeys = apiKeys;
    }

    /**
     * The principal of these credentials, if its account is active: a disabled account is refused
     * here, once, whichever kind of credential resolved to it.
     */
    Principal authenticate(Optional<String> authorization, Instant now) {
        Principal principal = resolve(authorization, now);
        // The auth token's own row was read by resolve and judged there, a device's account with its factor;
        // any other principal's account is read here.
        if (!(principal instanceof Principal.AccountPrincipal) && !(principal instanceof Principal.DevicePrincipal)
                && !accounts.isActive(principal.accountSid())) {
            throw refused("account " + principal.accountSid() + " is disabled");
        }
        return principal;
    }

    private Principal resolve(Optional<String> authorization, Instant now) {
        String header = authorization.orElseThrow(() -> refused("no Authorization header"));
        if (header.length() > MAX_HEADER || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw refused("Authorization is not HTTP Basic or is over " + MAX_HEADER + " characters");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused("malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw refused("malformed Basic credentials");
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if ("token".equals(user)) {
            // Both kinds of token are JWTs; the header tells the enrollment token from a device JWT.
            return EnrollmentToken.claimsToBeOne(password) ? enrollment(password, now) : device(password, now);
        }
        if (user.startsWith(SidType.API_KEY.prefix())) {
            // Read from the database on every request, never cached: a key deleted on any node fails here next time.
            return apiKeys.authenticate(user, password)
                    .<Principal>map(key -> new Principal.ApiKeyPrincipal(key.accountSid(), key.sid()))
                    .orElseThrow(() -> refused("unknown API key or wrong secret"));
        }
        Account account = accounts.authenticate(user, password).orElseThrow(() -> refused("unknown account or wrong auth token"));
        if (!account.active()) {
            throw refused("account " + account.sid() + " is disabled");
        }
        return new Principal.AccountPrincipal(account.sid());
    }

    private Principal enrollment(String token, Instant now) {
        try {
            return new Principal.EnrollmentPrincipal(accessTokens.authenticate(token, now));
        } catch (ApiException e) {
            if (e.error() != ApiError.UNAUTHENTICATED) {
                throw e;
            }
            // The reason (expired, already used, …) names no secret; it is for the operator, not the caller.
            throw refused(e.getMessage());
        }
    }

    private Principal device(String jwt, Instant now) {
        try {
            DeviceJwt token = DeviceJwt.parse(jwt);
            Optional<DeviceFactor> found = factors.findDevice(token.keyId());
            if (found.isEmpty()) {
                throw refused("device token of an unknown credential");
            }
            Factor factor = found.get().factor();
            PushBinding binding = (PushBinding) factor.binding();
            // Parsed once per credential (DeviceKeys' cache), and handed on with the factor in the principal.
            ECPublicKey key = DeviceKeys.publicKey(binding.credentialSid().value(), binding.publicKey());
            token.verify(key, factor.accountSid().value(), now, DEVICE_CLOCK_SKEW);
            // Judged after the signature, as every other principal's account: a disabled account's device learns
            // nothing a stranger would not.
            if (!found.get().accountActive()) {
                throw refused("account " + factor.accountSid() + " is disabled");
            }
            return new Principal.DevicePrincipal(factor, found.get().entity(), found.get().service(), key);
        } catch (DeviceAuthException e) {
            throw refused("device token rejected: " + e.reason().name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Every refusal is the same 401 with Twilio's generic message, so a caller learns nothing about
     * which part of its credentials failed; the reason goes to the log, and never a secret with it.
     */
    private static ApiException refused(String reason) {
        log.info("authentication failed: {}", reason);
        return new ApiException(ApiError.UNAUTHENTICATED, null);
    }
}
