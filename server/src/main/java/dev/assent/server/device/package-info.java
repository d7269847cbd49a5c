/**
 * The Verify Push device protocol's cryptography: device public keys, factor proofs, device JWTs and
 * challenge approval JWS ({@code docs/push-protocol.md} §2.1, §3, §4 and §6).
 *
 * <p>Everything here is a pure, thread-safe function of its arguments: no I/O, no clock (the caller
 * passes {@code now}), no logging, and no message or {@code toString} that echoes a token, signature
 * or key. Failures come back as values ({@code false}, {@link dev.assent.server.device.ChallengeResponse.Invalid})
 * or as {@link dev.assent.server.device.DeviceAuthException}; the HTTP layer maps them to Twilio
 * errors. ECDSA runs on the provider chosen once by {@link dev.assent.server.device.CryptoProviders},
 * which is passed explicitly and never installed globally.
 */
package dev.assent.server.device;
