/**
 * A software WebAuthn authenticator: a passkey without hardware. {@link dev.assent.device.passkey.SoftwareAuthenticator}
 * takes the {@code PublicKeyCredentialCreationOptions} / {@code PublicKeyCredentialRequestOptions} JSON a relying
 * party emits (as Assent's Passkeys API returns them in {@code options}) and an origin, and answers with the
 * credential JSON a browser's {@code PublicKeyCredential.toJSON()} gives: real CBOR authenticator data and
 * attestation objects ({@code none} or {@code packed} self attestation), ES256 on P-256 through the JCA, a
 * signature counter that grows, UP/UV flags as asked (W3C WebAuthn Level 3, §6.1, §6.5, §8.2).
 *
 * <p>It plays both halves a browser and its authenticator play: the client checks of §5.1.3/§5.1.4 (the origin
 * must be within the RP id, ES256 must be offered, an excluded credential is refused) and the authenticator's
 * signing. Its state ({@link dev.assent.device.passkey.PasskeyCredential}s) serialises to JSON for the
 * {@code assent device passkey} state file. {@link dev.assent.device.passkey.CeremonySettings} carries the
 * deliberate deviations negative tests need (another origin or RP id, a tampered signature, an old counter,
 * another user handle, another challenge). Knows nothing of the server.
 */
package dev.assent.device.passkey;
