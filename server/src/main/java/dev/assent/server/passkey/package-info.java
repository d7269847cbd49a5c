/**
 * Passkeys (WebAuthn) for Twilio Verify's {@code /Passkeys} operations: registering a passkeys factor
 * and verifying its attestation, creating login challenges and approving them with an assertion.
 * Verification is WebAuthn4J's; this package owns the ceremony rules, single use and the counter.
 */
package dev.assent.server.passkey;
