package dev.assent.device.passkey;

/**
 * How {@link SoftwareAuthenticator} answers one ceremony: the choices a user or browser makes (attestation format,
 * attachment, user verification) and the deliberate deviations negative tests need. {@link #DEFAULT} behaves as a
 * browser with a platform authenticator does; every {@code with…} returns a changed copy.
 *
 * @param attestation     the attestation format; {@code null}: as the options' {@code attestation} asks
 *                        ({@code none} → none, anything else → packed self attestation)
 * @param attachment      {@code platform} or {@code cross-platform}; {@code null}: the options'
 *                        {@code authenticatorSelection.authenticatorAttachment}, else {@code platform}
 * @param userVerified    the UV flag; {@code null}: set unless the options' {@code userVerification} is
 *                        {@code discouraged}
 * @param userPresent     the UP flag (a browser always sets it; clear it to test a server requiring it)
 * @param origin          the origin written into {@code clientDataJSON} instead of the caller's, skipping the
 *                        browser's origin check (a phishing page, another site)
 * @param rpId            the RP id whose SHA-256 goes into the authenticator data instead of the options' one
 * @param tamperSignature flip the last byte of the signature (of the assertion, or of a packed attestation)
 * @param signCount       the counter to sign instead of the next one (e.g. an old one: a cloned authenticator);
 *                        the stored counter is left as it was
 * @param userHandle      the {@code userHandle} to send instead of the credential's (another user's)
 * @param challenge       the challenge bytes to sign instead of the options' (one the server never issued)
 * @param credentialId    the credential to use, whatever {@code allowCredentials} and the RP id say (another
 *                        entity's or tenant's)
 */
public record CeremonySettings(PasskeyAttestation attestation, String attachment, Boolean userVerified,
                               boolean userPresent, String origin, String rpId, boolean tamperSignature,
                               Long signCount, byte[] userHandle, byte[] challenge, byte[] credentialId) {

    /** As a browser and a platform authenticator answer. */
    public static final CeremonySettings DEFAULT = new CeremonySettings(null, null, null, true, null, null, false, null,
            null, null, null);

    public CeremonySettings {
        if (attachment != null && !attachment.equals("platform") && !attachment.equals("cross-platform")) {
            throw new IllegalArgumentException("attachment must be platform or cross-platform, not '" + attachment + "'");
        }
        if (signCount != null && (signCount < 0 || signCount > PasskeyCredential.MAX_SIGN_COUNT)) {
            throw new IllegalArgumentException("signCount out of range: " + signCount);
        }
        userHandle = userHandle == null ? null : userHandle.clone();
        challenge = challenge == null ? null : challenge.clone();
        credentialId = credentialId == null ? null : credentialId.clone();
    }

    @Override
    public byte[] userHandle() {
        return userHandle == null ? null : userHandle.clone();
    }

    @Override
    public byte[] challenge() {
        return challenge == null ? null : challenge.clone();
    }

    @Override
    public byte[] credentialId() {
        return credentialId == null ? null : credentialId.clone();
    }

    public CeremonySettings withAttestation(PasskeyAttestation value) {
        return new CeremonySettings(value, attachment, userVerified, userPresent, origin, rpId, tamperSignature,
                signCount, userHandle, challenge, credentialId);
    }

    public CeremonySettings withAttachment(String value) {
        return new CeremonySettings(attestation, value, userVerified, userPresent, origin, rpId, tamperSignature,
                signCount, userHandle, challenge, credentialId);
    }

    public CeremonySettings withUserVerified(Boolean value) {
        return new CeremonySettings(attestation, attachment, value, userPresent, origin, rpId, tamperSignature,
                signCount, userHandle, challenge, credentialId);
    }

    public CeremonySettings withUserPresent(boolean value) {
        return new CeremonySettings(attestation, attachment, userVerified, value, origin, rpId, tamperSignature,
                signCount, userHandle, challenge, credentialId);
    }

    /** Sign for {@code value} instead of the caller's origin (no origin check). */
    public CeremonySettings withOrigin(String value) {
        return new CeremonySettings(attestation, attachment, userVerified, userPresent, value, rpId, tamperSignature,
                signCount, userHandle, challenge, credentialId);
    }

    /** Hash {@code value} as the RP id in the authenticator data. */
    public CeremonySettings withRpId(String value) {
        return new CeremonySettings(attestation, attachment, userVerified, userPresent, origin, value, tamperSignature,
                signCount, userHandle, challenge, credentialId);
    }

    public CeremonySettings withTamperedSignature() {
        return new CeremonySettings(attestation, attachment, userVerified, userPresent, origin, rpId, true, signCount,
                userHandle, challenge, credentialId);
    }

    /** Sign counter {@code value} (not stored) instead of the next one. */
    public CeremonySettings withSignCount(long value) {
        return new CeremonySettings(attestation, attachment, userVerified, userPresent, origin, rpId, tamperSignature,
                value, userHandle, challenge, credentialId);
    }

    public CeremonySettings withUserHandle(byte[] value) {
        return new CeremonySettings(attestation, attachment, userVerified, userPresent, origin, rpId, tamperSignature,
                signCount, value, challenge, credentialId);
    }

    public CeremonySettings withChallenge(byte[] value) {
        return new CeremonySettings(attestation, attachment, userVerified, userPresent, origin, rpId, tamperSignature,
                signCount, userHandle, value, credentialId);
    }

    /** Assert with the credential {@code value} whatever the options allow. */
    public CeremonySettings withCredentialId(byte[] value) {
        return new CeremonySettings(attestation, attachment, userVerified, userPresent, origin, rpId, tamperSignature,
                signCount, userHandle, challenge, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CeremonySettings that && toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "CeremonySettings[attestation=" + attestation + ", attachment=" + attachment + ", userVerified="
                + userVerified + ", userPresent=" + userPresent + ", origin=" + origin + ", rpId=" + rpId
                + ", tamperSignature=" + tamperSignature + ", signCount=" + signCount + ", userHandle="
                + hex(userHandle) + ", challenge=" + hex(challenge) + ", credentialId=" + hex(credentialId) + "]";
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "null" : java.util.HexFormat.of().formatHex(bytes);
    }
}
