package dev.assent.server.accesstoken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.assent.server.accesstoken.EnrollmentTokenException.Reason;
import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * The enrollment token: the {@code token} of an AccessToken, which a push device sends once as
 * {@code Authorization: Basic base64("token:" + token)} to create its factor (docs/push-protocol.md §2.2).
 *
 * <p>The SDKs treat it as opaque, so the format is ours: a compact JWS, HS256 with the
 * {@link EnrollmentSigningKey}, header {@code {"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","kid":"assent-enrollment-v1"}}
 * ({@code cty} as Twilio's helper access tokens carry it, so it is told apart from a device JWT's
 * {@code twilio-pba;v=1}), claims {@code jti} (the YK SID), {@code sub} (account SID),
 * {@code service_sid}, {@code identity}, {@code factor_type} ({@code push}), optional
 * {@code factor_friendly_name}, {@code iat} and {@code exp} in seconds. Signing and checking are pure
 * functions; single use is the caller's business (the access token's row).
 */
public final class EnrollmentToken {

    /** The {@code cty} of an enrollment token; device JWTs carry {@code twilio-pba;v=1}. */
    public static final String CONTENT_TYPE = "twilio-fpa;v=1";
    /** The {@code kid}: names the signing key, so a rotation can introduce a second one. */
    public static final String KEY_ID = "assent-enrollment-v1";
    /** Longest accepted token; ours are about 500 characters. */
    public static final int MAX_LENGTH = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private EnrollmentToken() {
    }

    /** Signs the claims; the result is the token string handed to the backend. */
    static String sign(EnrollmentClaims claims, EnrollmentSigningKey key) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(JOSEObjectType.JWT)
                .contentType(CONTENT_TYPE)
                .keyID(KEY_ID)
                .build();
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder()
                .jwtID(claims.tokenSid().value())
                .subject(claims.accountSid().value())
                .claim("service_sid", claims.serviceSid().value())
                .claim("identity", claims.identity())
                .claim("factor_type", claims.factorType().wireName())
                .issueTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()));
        claims.factorFriendlyName().ifPresent(name -> body.claim("factor_friendly_name", name));
        SignedJWT jwt = new SignedJWT(header, body.build());
        try {
            jwt.sign(new MACSigner(key.bytes()));
        } catch (JOSEException e) {
            throw new AssertionError("a 256-bit key signs HS256", e);
        }
        return jwt.serialize();
    }

    /**
     * Whether {@code compact} presents itself as an enrollment token rather than a device JWT: its
     * header says {@code cty} {@value #CONTENT_TYPE} or {@code alg} {@code HS256}. Checks nothing
     * else; {@link #verify} decides whether it is good.
     */
    public static boolean claimsToBeOne(String compact) {
        int dot = compact == null ? -1 : compact.indexOf('.');
        if (dot <= 0 || compact.length() > MAX_LENGTH) {
            return false;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(compact.substring(0, dot)));
            return header != null && header.isObject()
                    && (CONTENT_TYPE.equals(header.path("cty").textValue()) || "HS256".equals(header.path("alg").textValue()));
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Checks the header ({@code alg} HS256, {@code cty}, {@code kid}), then the MAC with {@code key}
     * (nimbus compares MACs in constant time, so timing does not reveal how much of a forged MAC
     * matched), and only then the claims and {@code now < exp}.
     *
     * @throws EnrollmentTokenException with the first failed check's reason
     */
    static EnrollmentClaims verify(String compact, EnrollmentSigningKey key, Instant now) {
        if (compact == null || compact.isEmpty() || compact.length() > MAX_LENGTH) {
            throw new EnrollmentTokenException(Reason.MALFORMED, "empty or longer than " + MAX_LENGTH + " characters");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(compact);
        } catch (ParseException e) {
            throw new EnrollmentTokenException(Reason.MALFORMED, "not a compact JWS");
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
            throw new EnrollmentTokenException(Reason.UNSUPPORTED_ALGORITHM, "alg is not HS256");
        }
        if (!CONTENT_TYPE.equals(header.getContentType())) {
            throw new EnrollmentTokenException(Reason.WRONG_CONTENT_TYPE, "cty is not " + CONTENT_TYPE);
        }
        if (!KEY_ID.equals(header.getKeyID())) {
            throw new EnrollmentTokenException(Reason.UNKNOWN_KEY, "kid names no enrollment key");
        }
        boolean valid;
        try {
            valid = jwt.verify(new MACVerifier(key.bytes()));
        } catch (JOSEException e) {
            valid = false;
        }
        if (!valid) {
            throw new EnrollmentTokenException(Reason.BAD_SIGNATURE, "MAC does not verify");
        }
        EnrollmentClaims claims = claims(jwt);
        if (!now.isBefore(claims.expiresAt())) {
            throw new EnrollmentTokenException(Reason.EXPIRED, "exp has passed");
        }
        return claims;
    }

    private static EnrollmentClaims claims(SignedJWT jwt) {
        try {
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            Sid token = sid(SidType.ACCESS_TOKEN, set.getJWTID(), "jti");
            Sid account = sid(SidType.ACCOUNT, set.getSubject(), "sub");
            Sid service = sid(SidType.SERVICE, set.getStringClaim("service_sid"), "service_sid");
            String identity = set.getStringClaim("identity");
            // Tokens are issued for push factors only: any other type is not one of ours.
            Optional<FactorType> type = FactorType.fromWire(set.getStringClaim("factor_type")).filter(t -> t == FactorType.PUSH);
            if (identity == null || type.isEmpty()) {
                throw new EnrollmentTokenException(Reason.MALFORMED, "identity or factor_type missing");
            }
            Date issued = set.getIssueTime();
            Date expires = set.getExpirationTime();
            if (issued == null || expires == null) {
                throw new EnrollmentTokenException(Reason.MALFORMED, "iat or exp missing");
            }
            return new EnrollmentClaims(token, account, service, identity, type.get(),
                    Optional.ofNullable(set.getStringClaim("factor_friendly_name")), issued.toInstant(), expires.toInstant());
        } catch (ParseException e) {
            throw new EnrollmentTokenException(Reason.MALFORMED, "claims are not the expected JSON");
        }
    }

    private static Sid sid(SidType type, String value, String claim) {
        if (!Sid.matches(type, value)) {
            throw new EnrollmentTokenException(Reason.MALFORMED, claim + " is not a " + type.prefix() + " SID");
        }
        return new Sid(type, value);
    }
}
