package dev.assent.device.passkey;

import java.util.Locale;

/** The attestation statement format of a registration (WebAuthn §8): {@code none}, or {@code packed} self attestation. */
public enum PasskeyAttestation {
    /** {@code fmt: "none"}, empty {@code attStmt} (§8.7): what browsers send for {@code attestation: "none"}. */
    NONE,
    /**
     * {@code fmt: "packed"} self attestation (§8.2): {@code {alg, sig}} signed by the new credential's own key, with
     * its algorithm (-7 or -257).
     */
    PACKED;

    /** {@code none} or {@code packed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code none} or {@code packed}, any case.
     *
     * @throws IllegalArgumentException quoting anything else
     */
    public static PasskeyAttestation fromWire(String value) {
        for (PasskeyAttestation format : values()) {
            if (format.wireName().equalsIgnoreCase(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException("attestation must be none or packed, not '" + value + "'");
    }

    /**
     * What a browser hands on for an RP's {@code attestation} conveyance preference: {@code none} (the default)
     * stays {@code none}; {@code indirect}, {@code direct} and {@code enterprise} get this authenticator's own
     * (self) attestation.
     */
    static PasskeyAttestation forConveyance(String conveyance) {
        return conveyance == null || conveyance.isBlank() || "none".equals(conveyance) ? NONE : PACKED;
    }
}
