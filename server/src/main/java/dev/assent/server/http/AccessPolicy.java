package dev.assent.server.http;

import dev.assent.server.accesstoken.AccessToken;
import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.challenge.Challenge;
import dev.assent.server.factor.Factor;
import dev.assent.server.sid.Sid;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who may call what: every rule that depends on the kind of principal, in one place. A route is of one
 * {@link Kind}; {@link #admit} decides, before the handler runs, whether the principal may call it at
 * all and whether the path is in its scope; the handler then asks the few questions that need the
 * resource it fetched ({@link #requireOwnFactor}, {@link #requireOwnChallenge}, {@link #challengeFilter}).
 *
 * <table>
 * <caption>The rules (docs/push-protocol.md §2–6)</caption>
 * <tr><th>kind</th><th>account (auth token)</th><th>API key</th><th>push device</th><th>access token</th></tr>
 * <tr><td>{@link Kind#ACCOUNT}</td><td>yes</td><td>yes</td><td>403</td><td>403</td></tr>
 * <tr><td>{@link Kind#KEYS}</td><td>its own account's path (else 404)</td><td>403</td><td>403</td><td>403</td></tr>
 * <tr><td>{@link Kind#DEVICE}</td><td>yes</td><td>yes</td><td>its own factor's service and entity (else 403); its own factor
 *     (else 403) and that factor's challenges (else 404)</td><td>403</td></tr>
 * <tr><td>{@link Kind#ENROLLMENT}</td><td>yes</td><td>yes</td><td>403</td><td>its own service and identity (else 403)</td></tr>
 * </table>
 *
 * <p>Every method is a pure function of the principal (as authenticated for this request) and the
 * request's path: nothing is read here, and nothing is remembered between requests.
 */
final class AccessPolicy {

    /** What kind of route a request matched: who may call it. */
    enum Kind {
        /** The backend only: account credentials or an API key. */
        ACCOUNT,
        /** Twilio's 2010 Keys resource: the account's auth token only, on its own account's path. */
        KEYS,
        /** The backend, and a push device for its own factor. */
        DEVICE,
        /** Factor creation: the backend, and a device enrolling with an access token for its own identity. */
        ENROLLMENT
    }

    /**
     * The request's path and the path parameters this policy judges by (null where the route has none);
     * {@code identity} is the path's identity as the handler reads it (refused if it holds control
     * characters), asked for only when the principal's scope has one to compare.
     */
    record Scope(String path, String serviceSid, String accountSid, Supplier<String> identity) {
    }

    private AccessPolicy() {
    }

    /**
     * Whether {@code principal} may call a route of {@code kind} with these path parameters: 403 for a
     * principal the route is not for or a path outside its scope; 404 for another account's Keys path.
     */
    static void admit(Kind kind, Principal principal, Scope scope) {
        switch (principal) {
            case Principal.AccountPrincipal account -> {
                if (kind == Kind.KEYS) {
                    requireOwnAccountPath(account.accountSid(), scope);
                }
            }
            case Principal.ApiKeyPrincipal key -> {
                if (kind == Kind.KEYS) {
                    throw new ApiException(ApiError.FORBIDDEN, "An API key may not manage API keys; use the account's auth token");
                }
            }
            case Principal.DevicePrincipal device -> {
                if (kind != Kind.DEVICE) {
                    throw new ApiException(ApiError.FORBIDDEN, "A device may not perform this operation");
                }
                Factor factor = device.factor();
                if (!factor.serviceSid().value().equals(scope.serviceSid()) || !factor.identity().equals(scope.identity().get())) {
                    throw new ApiException(ApiError.FORBIDDEN, "A device may act only on its own factor");
                }
            }
            case Principal.EnrollmentPrincipal enrollment -> {
                if (kind != Kind.ENROLLMENT) {
                    throw new ApiException(ApiError.FORBIDDEN, "An access token may only create its push factor");
                }
                AccessToken token = enrollment.token();
                if (!token.serviceSid().value().equals(scope.serviceSid()) || !token.identity().equals(scope.identity().get())) {
                    throw new ApiException(ApiError.FORBIDDEN, "This access token enrolls a factor for another service or identity");
                }
            }
        }
    }

    /** A device may update or delete only its own factor (403); the backend any of the entity's. */
    static void requireOwnFactor(Principal principal, Sid factorSid) {
        if (principal instanceof Principal.DevicePrincipal device && !device.factor().sid().equals(factorSid)) {
            throw new ApiException(ApiError.FORBIDDEN, "A device may act only on its own factor");
        }
    }

    /** Another factor's challenge does not exist for a device (404, as a challenge of another entity). */
    static void requireOwnChallenge(Principal principal, Challenge challenge, String path) {
        if (principal instanceof Principal.DevicePrincipal device && !device.factor().sid().equals(challenge.factorSid())) {
            throw NotFound.at(path);
        }
    }

    /**
     * The factor filter a challenge list runs with: what was asked for the backend; for a device its own
     * factor, and asking for another one is 403.
     */
    static Optional<Sid> challengeFilter(Principal principal, Optional<Sid> requested) {
        if (principal instanceof Principal.DevicePrincipal device) {
            if (requested.isPresent() && !requested.get().equals(device.factor().sid())) {
                throw new ApiException(ApiError.FORBIDDEN, "A device may list only its own factor's challenges");
            }
            return Optional.of(device.factor().sid());
        }
        return requested;
    }

    /** The factor this request has already read and may hand on, if it is {@code factorSid}: a device's own. */
    static Optional<Factor> knownFactor(Principal principal, Sid factorSid) {
        return principal instanceof Principal.DevicePrincipal device && device.factor().sid().equals(factorSid)
                ? Optional.of(device.factor()) : Optional.empty();
    }

    private static void requireOwnAccountPath(Sid accountSid, Scope scope) {
        if (!accountSid.value().equals(scope.accountSid())) {
            // Another account's path is 404, as any resource of another account is.
            throw NotFound.at(scope.path());
        }
    }
}
