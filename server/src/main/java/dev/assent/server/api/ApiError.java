package dev.assent.server.api;

/**
 * The catalogue of errors Assent reports, each with its Twilio error code, HTTP status and message.
 *
 * <p>Codes follow Twilio's published error list (https://www.twilio.com/docs/api/errors); the
 * conformance suite pins them. {@code more_info} is derived from the code.
 */
public enum ApiError {
    UNAUTHENTICATED(20003, 401, "Authentication Error - invalid credentials"),
    FORBIDDEN(20003, 403, "Permission denied"),
    NOT_FOUND(20404, 404, "The requested resource was not found"),
    METHOD_NOT_ALLOWED(20004, 405, "Method not allowed"),
    TOO_MANY_REQUESTS(20429, 429, "Too many requests"),
    /** Assent's push-fatigue cap; Twilio has no code of its own for it, so the generic 429. */
    TOO_MANY_PENDING_CHALLENGES(20429, 429, "Too many pending challenges for this factor"),
    /**
     * A bad parameter, before {@code http} picks Twilio's code for the parameter and resource (see
     * {@code http/ErrorCodes}); as it stands, Verify's 60200, which Twilio documents for Services.
     */
    INVALID_PARAMETER(60200, 400, "Invalid parameter"),
    /** Twilio 60306, the push/totp resources' code for a malformed or missing parameter (VERIFY_API.md §11). */
    INVALID_REQUEST(60306, 400, "Invalid request"),
    /** Twilio 60301 (HTTP 409): an entity with this identity already exists in the service. */
    ENTITY_ALREADY_EXISTS(60301, 409, "Entity already exists"),
    /** Twilio 60362: the FactorSid parameter is missing or not a YF SID. */
    INVALID_FACTOR_SID(60362, 400, "Factor SID invalid or not provided"),
    /** Twilio 60367: Identity missing or not 8 to 64 dash-separated alphanumerics. */
    INVALID_ENTITY_IDENTITY(60367, 400, "Invalid entity identity"),
    /** Twilio 60369: FactorType missing or not push/totp on the Factors endpoint. */
    INVALID_FACTOR_TYPE(60369, 400, "Factor type invalid or not provided"),
    /** Twilio 60370: a Config.* parameter of a factor missing or out of its range. */
    INVALID_FACTOR_CONFIG(60370, 400, "Factor config invalid or not provided"),
    /** Twilio 60385 "Public key invalid or not provided": a push factor without Binding.PublicKey (a malformed one is 60314). */
    INVALID_PUBLIC_KEY(60385, 400, "Public key invalid or not provided"),
    CHALLENGE_ATTEMPTS_EXHAUSTED(60308, 429, "Max verification check attempts reached for this challenge"),
    /** Twilio's code and number (3) for the Resend Notification endpoint. */
    TOO_MANY_NOTIFICATIONS(60309, 429, "Push notifications limit reached for a Challenge"),
    FACTOR_ATTEMPTS_EXHAUSTED(60310, 429, "Max verification attempts reached for this factor"),
    /** Assent's TOTP lockout across challenges; Twilio's 60310 is the closest documented code. Sent with Retry-After. */
    FACTOR_LOCKED_OUT(60310, 429, "Max verification attempts reached for this factor; try again later"),
    /** A TOTP AuthPayload on a factor already verified (perhaps by a racing request); Twilio 60311 "Factor verification failed". */
    FACTOR_ALREADY_VERIFIED(60311, 403, "Factor verification failed"),
    CHALLENGE_CREATION_LIMIT(60312, 429, "Challenge creation limit reached"),
    INVALID_FACTOR_BINDING(60314, 400, "Invalid factor binding"),
    TOO_MANY_FACTORS(60315, 400, "Max factors per entity reached"),
    FACTOR_ALREADY_EXISTS(60317, 409, "Factor already exists"),
    FACTOR_NOT_VERIFIED(60318, 403, "Factor is not verified"),
    CHALLENGE_ALREADY_RESPONDED(60322, 403, "Challenge has already been responded"),
    CHALLENGE_EXPIRED(60323, 403, "Challenge has expired"),
    CHALLENGE_VERIFICATION_FAILED(60324, 403, "Challenge verification failed"),
    FACTOR_CREATION_LIMIT(60326, 429, "Too many requests to create factors for the entity"),
    INVALID_CHALLENGE_DETAILS(60368, 400, "Invalid challenge details"),
    /** Twilio 60371 "Relying party invalid": origins that are not exact, secure origins of the relying party, or no relying party id. */
    PASSKEY_RELYING_PARTY_INVALID(60371, 400, "Relying party invalid"),
    /** Twilio 60372 "Relying party id invalid": not a domain, or not the one the credential was made for. */
    PASSKEY_RP_ID_INVALID(60372, 400, "Relying party id invalid"),
    /** Twilio 60376 "Invalid rawId": a credential id that is malformed, unknown here, or not the entity's. */
    PASSKEY_RAW_ID_INVALID(60376, 400, "Invalid rawId"),
    /** Twilio 60379 "Invalid authenticatorData": flags (user verification), counter (a clone) or structure refused. */
    PASSKEY_AUTHENTICATOR_DATA_INVALID(60379, 400, "Invalid authenticatorData"),
    /** Twilio 60381 "Invalid signature". */
    PASSKEY_SIGNATURE_INVALID(60381, 400, "Invalid signature"),
    /** Twilio 60387 "Invalid attested credential data": the attestation object or statement refused. */
    PASSKEY_ATTESTATION_INVALID(60387, 400, "Invalid attested credential data"),
    /** Twilio 60391 "Challenge not found": the ceremony's challenge names no pending registration or login of the service. */
    PASSKEY_CHALLENGE_NOT_FOUND(60391, 404, "Challenge not found"),
    /** Twilio 60393 "Authenticator criteria missing": neither the factor's config nor the service sets any. */
    PASSKEY_AUTHENTICATOR_CRITERIA_MISSING(60393, 400, "Authenticator criteria missing"),
    UNSUPPORTED_TOKEN_FACTOR_TYPE(60407, 400, "Token generation failed: unsupported factor type"),
    PAYLOAD_TOO_LARGE(60200, 413, "Request body too large"),
    /** Twilio documents neither a cap nor a code for webhooks per service; 60306 as for a webhook's other bad input. */
    TOO_MANY_WEBHOOKS(60306, 400, "Max webhooks per service reached"),
    REQUEST_TIMEOUT(60200, 408, "Request not received in time"),
    INTERNAL(20500, 500, "Internal server error");

    private final int code;
    private final int httpStatus;
    private final String message;

    ApiError(int code, int httpStatus, String message) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.message = message;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String message() {
        return message;
    }

    public String moreInfo() {
        return moreInfo(code);
    }

    /** Twilio's page for an error code. */
    public static String moreInfo(int code) {
        return "https://www.twilio.com/docs/errors/" + code;
    }
}
