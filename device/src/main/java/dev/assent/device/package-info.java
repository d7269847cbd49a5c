/**
 * The device side of Verify Push (docs/push-protocol.md §2–6): a P-256 {@link dev.assent.device.DeviceKey},
 * the compact ES256 JWS a mobile SDK builds ({@link dev.assent.device.DeviceJws}) and an enrolled
 * {@link dev.assent.device.VirtualDevice} that signs its factor proof, device JWTs and challenge answers.
 *
 * <p>One signer for every Assent client that plays a phone: the {@code assent device} CLI, the benchmark's
 * simulated devices and the server's tests. It knows nothing of the server and shares no code with its
 * verifier ({@code dev.assent.server.device}), so the two check each other. The conformance suite keeps its
 * own nimbus-based device on purpose, as an independent oracle.
 */
package dev.assent.device;
