package dev.assent.server.service;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.WireValue;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service's (or one passkeys factor's) WebAuthn relying-party settings: Twilio's {@code Passkeys.*}
 * service parameters and a factor's {@code config}. Unset values stay unset; a factor takes each from
 * its own config, else the service's, else the default (see {@code passkey.PasskeyConfig}).
 *
 * @param rpId                   the relying party id, a domain without scheme or port
 * @param rpName                 the relying party's display name
 * @param origins                the exact origins a ceremony may come from (empty: {@code https://} + rpId)
 * @param authenticatorAttachment platform, cross-platform or any
 * @param discoverableCredentials whether the credential must be discoverable (resident key)
 * @param userVerification        whether the authenticator must verify the user
 */
public record PasskeySettings(
        Optional<String> rpId,
        Optional<String> rpName,
        List<String> origins,
        Optional<Attachment> authenticatorAttachment,
        Optional<Requirement> discoverableCredentials,
        Optional<Requirement> userVerification) {

    public static final PasskeySettings DEFAULT = new PasskeySettings(Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** The longest relying party id (a DNS name). */
    public static final int MAX_RP_ID = 253;
    public static final int MAX_RP_NAME = 64;
    public static final int MAX_ORIGINS = 10;
    public static final int MAX_ORIGIN = 255;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern APK_KEY_HASH = Pattern.compile("android:apk-key-hash:[A-Za-z0-9_-]{16,128}={0,2}");

    public PasskeySettings {
        Objects.requireNonNull(rpId);
        Objects.requireNonNull(rpName);
        origins = List.copyOf(origins);
        Objects.requireNonNull(authenticatorAttachment);
        Objects.requireNonNull(discoverableCredentials);
        Objects.requireNonNull(userVerification);
    }

    /** Whether any of the authenticator criteria (attachment, discoverable credentials, user verification) is set. */
    public boolean hasAuthenticatorCriteria() {
        return authenticatorAttachment.isPresent() || discoverableCredentials.isPresent() || userVerification.isPresent();
    }

    public boolean isEmpty() {
        return this.equals(DEFAULT);
    }

    /** Each value of {@code override} that is set, else this one's. */
    public PasskeySettings overriddenBy(PasskeySettings override) {
        return new PasskeySettings(override.rpId.or(() -> rpId), override.rpName.or(() -> rpName),
                override.origins.isEmpty() ? origins : override.origins,
                override.authenticatorAttachment.or(() -> authenticatorAttachment),
                override.discoverableCredentials.or(() -> discoverableCredentials), override.userVerification.or(() -> userVerification));
    }

    /**
     * A relying party id as WebAuthn takes it: a lower-case DNS name (or {@code localhost}), no scheme,
     * port or path; Twilio's 60372 otherwise.
     */
    public static String requireRpId(String value) {
        String id = value.trim();
        if (id.isEmpty() || id.length() > MAX_RP_ID || !id.equals(id.toLowerCase(Locale.ROOT)) || id.contains("://")
                || id.contains(":") || id.contains("/") || id.endsWith(".")) {
            throw rpIdInvalid(value);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(id, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw rpIdInvalid(value);
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw rpIdInvalid(value);
            }
        }
        // An IP address is not a relying party id: the last label of a domain is not all digits.
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw rpIdInvalid(value);
        }
        return ascii;
    }

    private static ApiException rpIdInvalid(String value) {
        return new ApiException(ApiError.PASSKEY_RP_ID_INVALID, "Relying party id '" + abbreviate(value)
                + "' is not a domain (no scheme, port or path)");
    }

    /**
     * The origins, each exact: {@code https://host[:port]} with host the relying party id or a subdomain
     * of it, {@code http://localhost[:port]} when the relying party id is {@code localhost} (browsers treat
     * it as a secure context), or an Android app's {@code android:apk-key-hash:…}; Twilio's 60371 otherwise.
     */
    public static List<String> requireOrigins(List<String> values, String rpId) {
        if (values.size() > MAX_ORIGINS) {
            throw new ApiException(ApiError.PASSKEY_RELYING_PARTY_INVALID, "At most " + MAX_ORIGINS + " relying party origins");
        }
        List<String> origins = new ArrayList<>();
        for (String raw : values) {
            String origin = raw.trim();
            if (origin.length() > MAX_ORIGIN) {
                throw originInvalid(raw, "is longer than " + MAX_ORIGIN + " characters");
            }
            if (APK_KEY_HASH.matcher(origin).matches()) {
                origins.add(origin);
                continue;
            }
            URI uri;
            try {
                uri = new URI(origin);
            } catch (URISyntaxException e) {
                throw originInvalid(raw, "is not an origin");
            }
            String host = uri.getHost();
            boolean shape = uri.getScheme() != null && host != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && origin.equals(uri.getScheme() + "://" + host
                            + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
            if (!shape) {
                throw originInvalid(raw, "must be an exact origin: scheme://host[:port], no path");
            }
            boolean secure = uri.getScheme().equals("https") || (uri.getScheme().equals("http") && host.equals("localhost"));
            if (!secure) {
                throw originInvalid(raw, "must be https (http only for localhost)");
            }
            if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
                throw originInvalid(raw, "is not the relying party id " + rpId + " or one of its subdomains");
            }
            if (!origins.contains(origin)) {
                origins.add(origin);
            }
        }
        return List.copyOf(origins);
    }

    private static ApiException originInvalid(String value, String rule) {
        return new ApiException(ApiError.PASSKEY_RELYING_PARTY_INVALID, "Relying party origin '" + abbreviate(value) + "' " + rule);
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }

    /** WebAuthn's {@code authenticatorAttachment}, and Twilio's {@code any} for either. */
    public enum Attachment implements WireValue {
        PLATFORM("platform"), CROSS_PLATFORM("cross-platform"), ANY("any");

        private final String wireName;

        Attachment(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }

        public static Optional<Attachment> fromWire(String value) {
            return WireValue.fromWire(values(), value);
        }
    }

    /** WebAuthn's requirement levels ({@code residentKey}, {@code userVerification}). */
    public enum Requirement implements WireValue {
        REQUIRED("required"), PREFERRED("preferred"), DISCOURAGED("discouraged");

        private final String wireName;

        Requirement(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }

        public static Optional<Requirement> fromWire(String value) {
            return WireValue.fromWire(values(), value);
        }
    }
}
