package dev.assent.benchmark;

import dev.assent.device.VirtualDevice;

/**
 * One enrolled push device (docs/push-protocol.md §3, §4, §6): where its factor lives and the shared
 * virtual device that signs its proof, device JWTs and answers. A new signature per request, as the SDK
 * does, is what the server really pays for.
 *
 * @param entityPath {@code /v2/Services/{service}/Entities/{identity}}
 * @param signer     the device key and the factor, credential and account SIDs it signs for
 */
record Device(String entityPath, VirtualDevice signer) {

    /** The push factor ({@code YF…}). */
    String factorSid() {
        return signer.factorSid();
    }
}
