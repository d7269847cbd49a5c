/**
 * {@code assent device}: a virtual push device for the terminal that behaves like a phone running the
 * Verify Push mobile SDK ({@code docs/push-protocol.md} §1–6).
 *
 * <p>It speaks only the public HTTP protocol (form-encoded requests, Twilio JSON, device-signed JWTs,
 * {@code Twilio-Verify-Signature-Fields}, ES256 answers) and uses no server internals, so it works
 * against any compatible server. Its identity lives in a small JSON state file
 * ({@link dev.assent.server.cli.device.StateFile}); one file is one device.
 *
 * <p>Nothing here prints or logs a secret: the private key stays in the state file, auth tokens and
 * access tokens are used for one request and never stored, and JWTs exist only inside requests.
 * Exit codes: 0 success, 1 the server refused (or could not be reached), 2 usage or state errors.
 */
package dev.assent.server.cli.device;
