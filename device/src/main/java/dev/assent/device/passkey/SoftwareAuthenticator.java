package dev.assent.device.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A software passkey authenticator and the browser in front of it (W3C WebAuthn Level 3): makes ES256 (P-256) or
 * RS256 (RSA 2048, PKCS#1 v1.5 with SHA-256) discoverable credentials from {@code PublicKeyCredentialCreationOptions}
 * and signs assertions for
 * {@code PublicKeyCredentialRequestOptions}, answering with the JSON browsers produce.
 *
 * <p>Options are read as relying parties emit them, {@code {"publicKey": {...}}} or the inner object, with binary
 * members in base64url or standard base64. The browser's checks are made (§5.1.3, §5.1.4): the origin must be
 * HTTPS, or HTTP on {@code localhost}, and its host the RP id or a subdomain of it ({@code android:apk-key-hash:}
 * origins pass, as an app's would); the credential's algorithm is the first of {@code pubKeyCredParams} this
 * authenticator supports, in the RP's order (§6.3.2 step 2; none listed: ES256), and neither ES256 nor RS256 among
 * them is {@code NotSupportedError}; a credential listed in
 * {@code excludeCredentials} refuses a new registration. {@link CeremonySettings} bypasses them on purpose.
 *
 * <p>The signature counter starts at 0 and grows by one per assertion (§6.1.1). Flags: UP always, UV unless
 * {@code userVerification} is {@code discouraged}, BE/BS never (the key lives in one state file, unsynced), AT on
 * registration. The AAGUID is this authenticator's own, made once and kept in its state. Thread-safe; {@link #toJson()}
 * holds the private keys and belongs in a file only its owner reads.
 */
public final class SoftwareAuthenticator {

    /** The {@code format} member of {@link #toJson()}. */
    public static final String STATE_FORMAT = "assent-software-passkey/1";
    /** COSE algorithm ES256 (RFC 9053 §2.1). */
    public static final int COSE_ES256 = -7;
    /** COSE algorithm RS256, RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8812 §2). */
    public static final int COSE_RS256 = -257;
    /** The RSA modulus length of RS256 credentials. */
    public static final int RSA_BITS = 2048;
    /** The most credentials one state holds (a bound on the state file and on each search). */
    public static final int MAX_CREDENTIALS = 1000;
    private static final int CREDENTIAL_ID_BYTES = 32;
    private static final int FLAG_UP = 0x01;
    private static final int FLAG_UV = 0x04;
    private static final int FLAG_AT = 0x40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORFactory CBOR = new CBORFactory();

    private final UUID aaguid;
    private final Clock clock;
    private final SecureRandom random;
    private final List<PasskeyCredential> credentials;

    private SoftwareAuthenticator(UUID aaguid, List<PasskeyCredential> credentials, Clock clock) {
        this.aaguid = aaguid;
        this.credentials = new ArrayList<>(credentials);
        this.clock = clock;
        this.random = new SecureRandom();
    }

    /** A new authenticator holding no credentials, with a random AAGUID, dating credentials by {@code clock}. */
    public static SoftwareAuthenticator create(Clock clock) {
        return new SoftwareAuthenticator(UUID.randomUUID(), List.of(), Objects.requireNonNull(clock, "clock"));
    }

    /** As {@link #create(Clock)} on the system clock. */
    public static SoftwareAuthenticator create() {
        return create(Clock.systemUTC());
    }

    /** The AAGUID written into attested credential data. */
    public UUID aaguid() {
        return aaguid;
    }

    /** The credentials held, oldest first. */
    public synchronized List<PasskeyCredential> credentials() {
        return List.copyOf(credentials);
    }

    /** As {@link #register(JsonNode, String, CeremonySettings)} with {@link CeremonySettings#DEFAULT}. */
    public PasskeyRegistration register(JsonNode creationOptions, String origin) {
        return register(creationOptions, origin, CeremonySettings.DEFAULT);
    }

    /**
     * {@code navigator.credentials.create({publicKey: options})} on page {@code origin}: checks as a browser does, makes a
     * key pair and a credential id, keeps the credential (counter 0) and returns the registration JSON.
     *
     * @throws PasskeyException as a browser would reject the call
     */
    public synchronized PasskeyRegistration register(JsonNode creationOptions, String origin, CeremonySettings settings) {
        Objects.requireNonNull(settings, "settings");
        JsonNode options = publicKey(creationOptions);
        byte[] challenge = settings.challenge() != null ? settings.challenge()
                : WebAuthnEncoding.decode(text(options, "challenge"), "challenge");
        String rpId = optionalText(options.path("rp"), "id");
        if (rpId == null) {
            rpId = host(origin);
        }
        if (settings.origin() == null) {
            checkOrigin(origin, rpId);
        }
        JsonNode user = options.path("user");
        byte[] userHandle = WebAuthnEncoding.decode(text(user, "id"), "user.id");
        if (userHandle.length == 0 || userHandle.length > 64) {
            throw new PasskeyException(PasskeyException.Kind.TYPE_ERROR, "user.id must have 1 to 64 bytes, not " + userHandle.length);
        }
        int algorithm = algorithm(options.path("pubKeyCredParams"));
        for (JsonNode excluded : iterable(options.path("excludeCredentials"))) {
            byte[] id = WebAuthnEncoding.decode(text(excluded, "id"), "excludeCredentials[].id");
            for (PasskeyCredential held : credentials) {
                if (held.rpId().equals(rpId) && held.hasId(id)) {
                    throw new PasskeyException(PasskeyException.Kind.INVALID_STATE_ERROR,
                            "credential " + held.id() + " is in excludeCredentials");
                }
            }
        }
        if (credentials.size() >= MAX_CREDENTIALS) {
            throw new PasskeyException(PasskeyException.Kind.NOT_ALLOWED_ERROR, "this authenticator is full ("
                    + MAX_CREDENTIALS + " credentials)");
        }
        JsonNode selection = options.path("authenticatorSelection");
        String attachment = settings.attachment() != null ? settings.attachment()
                : "cross-platform".equals(optionalText(selection, "authenticatorAttachment")) ? "cross-platform" : "platform";
        PasskeyAttestation format = settings.attestation() != null ? settings.attestation()
                : PasskeyAttestation.forConveyance(optionalText(options, "attestation"));

        KeyPair pair = newKeyPair(algorithm, random);
        byte[] credentialId = new byte[CREDENTIAL_ID_BYTES];
        random.nextBytes(credentialId);
        PasskeyCredential credential = new PasskeyCredential(credentialId, rpId, userHandle, optionalText(user, "name"),
                pair.getPrivate().getEncoded(), pair.getPublic().getEncoded(), 0, attachment, clock.instant(), algorithm);

        String clientData = clientDataJson("webauthn.create", challenge, settings.origin() != null ? settings.origin() : origin);
        int flags = FLAG_AT | (settings.userPresent() ? FLAG_UP : 0)
                | (userVerified(settings, optionalText(selection, "userVerification")) ? FLAG_UV : 0);
        byte[] authenticatorData = authenticatorData(settings.rpId() != null ? settings.rpId() : rpId, flags, 0,
                attestedCredentialData(credentialId, pair.getPublic()));
        byte[] attestationObject = attestationObject(format, authenticatorData, clientData, pair.getPrivate(), algorithm,
                settings.tamperSignature());

        ObjectNode json = JSON.createObjectNode();
        json.put("id", credential.id());
        json.put("rawId", credential.id());
        json.put("type", "public-key");
        json.put("authenticatorAttachment", attachment);
        ObjectNode response = json.putObject("response");
        response.put("clientDataJSON", WebAuthnEncoding.base64Url(clientData.getBytes(StandardCharsets.UTF_8)));
        response.put("attestationObject", WebAuthnEncoding.base64Url(attestationObject));
        response.putArray("transports").add(attachment.equals("platform") ? "internal" : "usb");
        credentials.add(credential);
        return new PasskeyRegistration(json, credential);
    }

    /** As {@link #authenticate(JsonNode, String, CeremonySettings)} with {@link CeremonySettings#DEFAULT}. */
    public PasskeyAssertion authenticate(JsonNode requestOptions, String origin) {
        return authenticate(requestOptions, origin, CeremonySettings.DEFAULT);
    }

    /**
     * {@code navigator.credentials.get({publicKey: options})} on page {@code origin}: picks the newest credential for the
     * RP id among {@code allowCredentials} (any, when that is empty: discoverable login), counts one more signature,
     * keeps the new counter and returns the assertion JSON.
     *
     * @throws PasskeyException as a browser would reject the call ({@code NotAllowedError}: no credential here)
     */
    public synchronized PasskeyAssertion authenticate(JsonNode requestOptions, String origin, CeremonySettings settings) {
        Objects.requireNonNull(settings, "settings");
        JsonNode options = publicKey(requestOptions);
        byte[] challenge = settings.challenge() != null ? settings.challenge()
                : WebAuthnEncoding.decode(text(options, "challenge"), "challenge");
        String rpId = optionalText(options, "rpId");
        if (rpId == null) {
            rpId = host(origin);
        }
        if (settings.origin() == null) {
            checkOrigin(origin, rpId);
        }
        int index = choose(options, rpId, settings.credentialId());
        PasskeyCredential credential = credentials.get(index);
        long count;
        if (settings.signCount() != null) {
            count = settings.signCount();
        } else {
            if (credential.signCount() >= PasskeyCredential.MAX_SIGN_COUNT) {
                throw new PasskeyException(PasskeyException.Kind.NOT_ALLOWED_ERROR, "the signature counter is exhausted");
            }
            count = credential.signCount() + 1;
            credential = credential.withSignCount(count);
            credentials.set(index, credential);
        }
        String clientData = clientDataJson("webauthn.get", challenge, settings.origin() != null ? settings.origin() : origin);
        int flags = (settings.userPresent() ? FLAG_UP : 0)
                | (userVerified(settings, optionalText(options, "userVerification")) ? FLAG_UV : 0);
        byte[] authenticatorData = authenticatorData(settings.rpId() != null ? settings.rpId() : rpId, flags, count, new byte[0]);
        byte[] signature = sign(credential.privateKey(), credential.algorithm(), authenticatorData, clientData);
        if (settings.tamperSignature()) {
            signature[signature.length - 1] ^= 0x01;
        }
        byte[] userHandle = settings.userHandle() != null ? settings.userHandle() : credential.userHandle();

        ObjectNode json = JSON.createObjectNode();
        json.put("id", credential.id());
        json.put("rawId", credential.id());
        json.put("type", "public-key");
        json.put("authenticatorAttachment", credential.attachment());
        ObjectNode response = json.putObject("response");
        response.put("authenticatorData", WebAuthnEncoding.base64Url(authenticatorData));
        response.put("clientDataJSON", WebAuthnEncoding.base64Url(clientData.getBytes(StandardCharsets.UTF_8)));
        response.put("signature", WebAuthnEncoding.base64Url(signature));
        response.put("userHandle", WebAuthnEncoding.base64Url(userHandle));
        return new PasskeyAssertion(json, credential, count);
    }

    /** Forgets the credential {@code credentialId}; whether it was held. */
    public synchronized boolean remove(byte[] credentialId) {
        return credentials.removeIf(held -> held.hasId(credentialId));
    }

    private int choose(JsonNode options, String rpId, byte[] wanted) {
        if (wanted != null) {
            for (int i = credentials.size() - 1; i >= 0; i--) {
                if (credentials.get(i).hasId(wanted)) {
                    return i;
                }
            }
            throw new PasskeyException(PasskeyException.Kind.NOT_ALLOWED_ERROR, "no credential "
                    + WebAuthnEncoding.base64Url(wanted) + " here");
        }
        List<byte[]> allowed = new ArrayList<>();
        for (JsonNode entry : iterable(options.path("allowCredentials"))) {
            allowed.add(WebAuthnEncoding.decode(text(entry, "id"), "allowCredentials[].id"));
        }
        for (int i = credentials.size() - 1; i >= 0; i--) {
            PasskeyCredential held = credentials.get(i);
            if (held.rpId().equals(rpId) && (allowed.isEmpty() || allowed.stream().anyMatch(held::hasId))) {
                return i;
            }
        }
        throw new PasskeyException(PasskeyException.Kind.NOT_ALLOWED_ERROR, "no credential here for RP id '" + rpId + "'"
                + (allowed.isEmpty() ? "" : " among the " + allowed.size() + " allowed"));
    }

    private static boolean userVerified(CeremonySettings settings, String requirement) {
        return settings.userVerified() != null ? settings.userVerified() : !"discouraged".equals(requirement);
    }

    private static JsonNode publicKey(JsonNode options) {
        if (options == null || !options.isObject()) {
            throw new PasskeyException(PasskeyException.Kind.TYPE_ERROR, "options must be a JSON object");
        }
        JsonNode inner = options.get("publicKey");
        return inner != null && inner.isObject() ? inner : options;
    }

    /**
     * The credential's COSE algorithm: the first entry of {@code pubKeyCredParams} that is ES256 or RS256, in the
     * RP's order of preference (§6.3.2 authenticatorMakeCredential step 2).
     */
    private static int algorithm(JsonNode params) {
        if (params.isMissingNode() || params.isNull() || (params.isArray() && params.isEmpty())) {
            return COSE_ES256; // WebAuthn §5.1.3 step 10: none listed means ES256, then RS256
        }
        // The spec's example shows one object instead of WebAuthn's array; take either.
        for (JsonNode param : params.isArray() ? iterable(params) : List.of(params)) {
            if ("public-key".equals(optionalText(param, "type")) && param.path("alg").canConvertToInt()) {
                int alg = param.path("alg").asInt();
                if (alg == COSE_ES256 || alg == COSE_RS256) {
                    return alg;
                }
            }
        }
        throw new PasskeyException(PasskeyException.Kind.NOT_SUPPORTED_ERROR,
                "pubKeyCredParams offers neither ES256 (-7) nor RS256 (-257)");
    }

    /** The browser's origin check (§5.1.3 step 8, §5.1.4 step 8), without a public-suffix list. */
    static void checkOrigin(String origin, String rpId) {
        if (origin == null || origin.isBlank()) {
            throw new PasskeyException(PasskeyException.Kind.SECURITY_ERROR, "no origin");
        }
        if (origin.startsWith("android:apk-key-hash:")) {
            return;
        }
        String host = host(origin);
        String scheme = URI.create(origin).getScheme().toLowerCase(Locale.ROOT);
        boolean localhost = host.equals("localhost") || host.endsWith(".localhost");
        if (!scheme.equals("https") && !(scheme.equals("http") && localhost)) {
            throw new PasskeyException(PasskeyException.Kind.SECURITY_ERROR, "'" + origin + "' is not a secure context");
        }
        String rp = rpId.toLowerCase(Locale.ROOT);
        if (!host.equals(rp) && !host.endsWith("." + rp)) {
            throw new PasskeyException(PasskeyException.Kind.SECURITY_ERROR, "RP id '" + rpId + "' is not '" + host
                    + "' nor a parent domain of it");
        }
    }

    private static String host(String origin) {
        try {
            URI uri = new URI(Objects.requireNonNull(origin, "origin"));
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new PasskeyException(PasskeyException.Kind.SECURITY_ERROR, "'" + origin + "' is not an origin");
            }
            return uri.getHost().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw new PasskeyException(PasskeyException.Kind.SECURITY_ERROR, "'" + origin + "' is not an origin");
        }
    }

    /** {@code CollectedClientData} serialised as Chromium does: type, challenge, origin, crossOrigin (§5.8.1.1). */
    private static String clientDataJson(String type, byte[] challenge, String origin) {
        ObjectNode data = JSON.createObjectNode();
        data.put("type", type);
        data.put("challenge", WebAuthnEncoding.base64Url(challenge));
        data.put("origin", origin);
        data.put("crossOrigin", false);
        try {
            return JSON.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** §6.1: rpIdHash ‖ flags ‖ signCount (big-endian) ‖ attested credential data. */
    private static byte[] authenticatorData(String rpId, int flags, long signCount, byte[] attested) {
        ByteBuffer data = ByteBuffer.allocate(37 + attested.length);
        data.put(WebAuthnEncoding.sha256(rpId));
        data.put((byte) flags);
        data.putInt((int) signCount);
        data.put(attested);
        return data.array();
    }

    /** §6.5.2: AAGUID ‖ credentialIdLength ‖ credentialId ‖ the COSE_Key. */
    private byte[] attestedCredentialData(byte[] credentialId, PublicKey key) {
        byte[] cose = switch (key) {
            case ECPublicKey ec -> coseKey(ec);
            case RSAPublicKey rsa -> coseKey(rsa);
            default -> throw new IllegalStateException("no COSE key for " + key.getAlgorithm());
        };
        ByteBuffer data = ByteBuffer.allocate(16 + 2 + credentialId.length + cose.length);
        data.putLong(aaguid.getMostSignificantBits()).putLong(aaguid.getLeastSignificantBits());
        data.putShort((short) credentialId.length);
        data.put(credentialId);
        data.put(cose);
        return data.array();
    }

    /** The EC2 COSE_Key in CTAP2 canonical order: {1: 2, 3: -7, -1: 1, -2: x, -3: y} (RFC 9053 §7.1.1). */
    static byte[] coseKey(ECPublicKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = CBOR.createGenerator(out)) {
            cbor.writeStartObject(null, 5);
            cbor.writeFieldId(1);
            cbor.writeNumber(2);
            cbor.writeFieldId(3);
            cbor.writeNumber(COSE_ES256);
            cbor.writeFieldId(-1);
            cbor.writeNumber(1);
            cbor.writeFieldId(-2);
            cbor.writeBinary(coordinate(key.getW().getAffineX()));
            cbor.writeFieldId(-3);
            cbor.writeBinary(coordinate(key.getW().getAffineY()));
            cbor.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The RSA COSE_Key in CTAP2 canonical order: {1: 3, 3: -257, -1: n, -2: e}, unsigned big-endian (RFC 8230 §4). */
    static byte[] coseKey(RSAPublicKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = CBOR.createGenerator(out)) {
            cbor.writeStartObject(null, 4);
            cbor.writeFieldId(1);
            cbor.writeNumber(3);
            cbor.writeFieldId(3);
            cbor.writeNumber(COSE_RS256);
            cbor.writeFieldId(-1);
            cbor.writeBinary(unsigned(key.getModulus()));
            cbor.writeFieldId(-2);
            cbor.writeBinary(unsigned(key.getPublicExponent()));
            cbor.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Minimal unsigned big-endian bytes (no sign byte). */
    private static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        return raw.length > 1 && raw[0] == 0 ? java.util.Arrays.copyOfRange(raw, 1, raw.length) : raw;
    }

    private static byte[] coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return fixed;
    }

    /** §6.5.4: {"fmt", "attStmt", "authData"} in canonical order; packed self attestation per §8.2. */
    private static byte[] attestationObject(PasskeyAttestation format, byte[] authenticatorData, String clientData,
                                            PrivateKey key, int algorithm, boolean tamper) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = CBOR.createGenerator(out)) {
            cbor.writeStartObject(null, 3);
            cbor.writeFieldName("fmt");
            cbor.writeString(format.wireName());
            cbor.writeFieldName("attStmt");
            switch (format) {
                case NONE -> cbor.writeStartObject(null, 0);
                case PACKED -> {
                    byte[] signature = sign(key, algorithm, authenticatorData, clientData);
                    if (tamper) {
                        signature[signature.length - 1] ^= 0x01;
                    }
                    cbor.writeStartObject(null, 2);
                    cbor.writeFieldName("alg");
                    cbor.writeNumber(algorithm);
                    cbor.writeFieldName("sig");
                    cbor.writeBinary(signature);
                }
            }
            cbor.writeEndObject();
            cbor.writeFieldName("authData");
            cbor.writeBinary(authenticatorData);
            cbor.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * ECDSA-SHA256 (DER) for ES256, RSASSA-PKCS1-v1_5 with SHA-256 for RS256, over authenticatorData ‖
     * SHA-256(clientDataJSON) (§6.3.3 step 11, §8.2).
     */
    private static byte[] sign(PrivateKey key, int algorithm, byte[] authenticatorData, String clientData) {
        try {
            Signature signer = Signature.getInstance(signatureAlgorithm(algorithm));
            signer.initSign(key);
            signer.update(authenticatorData);
            signer.update(WebAuthnEncoding.sha256(clientData));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(signatureAlgorithm(algorithm) + " signing failed", e);
        }
    }

    private static String signatureAlgorithm(int algorithm) {
        return algorithm == COSE_RS256 ? "SHA256withRSA" : "SHA256withECDSA";
    }

    /** A P-256 key pair for ES256, an RSA 2048 one (exponent 65537) for RS256. */
    private static KeyPair newKeyPair(int algorithm, SecureRandom random) {
        try {
            if (algorithm == COSE_RS256) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4), random);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + (algorithm == COSE_RS256 ? "RSA" : "P-256") + " keys", e);
        }
    }

    private static String text(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null) {
            throw new PasskeyException(PasskeyException.Kind.TYPE_ERROR, field + " is missing");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    // ---- state ----

    /**
     * The state as JSON: {@code {"format", "aaguid", "credentials": [{credential_id, rp_id, user_handle, user_name,
     * private_key, public_key, sign_count, attachment, created_at, alg}]}}; ids and handles base64url, keys base64 DER
     * (PKCS#8, X.509), {@code alg} the COSE algorithm (-7 or -257; a state without it, written before RS256, holds
     * ES256 keys). Contains the private keys.
     */
    public synchronized ObjectNode toJson() {
        ObjectNode state = JSON.createObjectNode();
        state.put("format", STATE_FORMAT);
        state.put("aaguid", aaguid.toString());
        ArrayNode list = state.putArray("credentials");
        for (PasskeyCredential credential : credentials) {
            ObjectNode entry = list.addObject();
            entry.put("credential_id", credential.id());
            entry.put("rp_id", credential.rpId());
            entry.put("user_handle", credential.userHandleBase64Url());
            if (credential.userName() != null) {
                entry.put("user_name", credential.userName());
            }
            entry.put("private_key", Base64.getEncoder().encodeToString(credential.privateKeyPkcs8()));
            entry.put("public_key", Base64.getEncoder().encodeToString(credential.publicKeyX509()));
            entry.put("sign_count", credential.signCount());
            entry.put("attachment", credential.attachment());
            entry.put("created_at", credential.createdAt().toString());
            entry.put("alg", credential.algorithm());
        }
        return state;
    }

    /** As {@link #fromJson(JsonNode, Clock)} on the system clock. */
    public static SoftwareAuthenticator fromJson(JsonNode state) {
        return fromJson(state, Clock.systemUTC());
    }

    /**
     * The authenticator {@link #toJson()} saved, each key pair checked to belong together.
     *
     * @throws IllegalArgumentException naming what is wrong (never a key)
     */
    public static SoftwareAuthenticator fromJson(JsonNode state, Clock clock) {
        if (state == null || !STATE_FORMAT.equals(state.path("format").asText())) {
            throw new IllegalArgumentException("not a software passkey state (format is not " + STATE_FORMAT + ")");
        }
        UUID aaguid;
        try {
            aaguid = UUID.fromString(state.path("aaguid").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("aaguid is not a UUID");
        }
        JsonNode list = state.path("credentials");
        if (!list.isArray() || list.size() > MAX_CREDENTIALS) {
            throw new IllegalArgumentException("credentials must be an array of at most " + MAX_CREDENTIALS);
        }
        List<PasskeyCredential> credentials = new ArrayList<>();
        for (JsonNode entry : list) {
            try {
                PasskeyCredential credential = new PasskeyCredential(
                        WebAuthnEncoding.decode(entry.path("credential_id").asText(null), "credential_id"),
                        entry.path("rp_id").asText(null),
                        WebAuthnEncoding.decode(entry.path("user_handle").asText(null), "user_handle"),
                        entry.hasNonNull("user_name") ? entry.get("user_name").asText() : null,
                        Base64.getDecoder().decode(entry.path("private_key").asText("")),
                        Base64.getDecoder().decode(entry.path("public_key").asText("")),
                        entry.path("sign_count").asLong(-1),
                        entry.path("attachment").asText("platform"),
                        java.time.Instant.parse(entry.path("created_at").asText()),
                        storedAlgorithm(entry.path("alg")));
                if (!keysMatch(credential)) {
                    throw new IllegalArgumentException("credential " + credential.id() + ": its keys do not belong together");
                }
                credentials.add(credential);
            } catch (PasskeyException | NullPointerException | IllegalStateException | java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("a stored credential is malformed: " + e.getMessage());
            }
        }
        return new SoftwareAuthenticator(aaguid, credentials, Objects.requireNonNull(clock, "clock"));
    }

    /** A stored credential's {@code alg}: absent (a state from before RS256) is ES256; else -7 or -257. */
    private static int storedAlgorithm(JsonNode alg) {
        if (alg.isMissingNode() || alg.isNull()) {
            return COSE_ES256;
        }
        if (!alg.isInt() || (alg.asInt() != COSE_ES256 && alg.asInt() != COSE_RS256)) {
            throw new IllegalArgumentException("a stored credential's alg must be -7 (ES256) or -257 (RS256)");
        }
        return alg.asInt();
    }

    private static boolean keysMatch(PasskeyCredential credential) {
        byte[] probe = "assent software passkey key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(signatureAlgorithm(credential.algorithm()));
            signer.initSign(credential.privateKey());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm(credential.algorithm()));
            verifier.initVerify(credential.publicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalStateException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SoftwareAuthenticator[aaguid=" + aaguid + ", " + credentials().size() + " credentials, keys redacted]";
    }
}
