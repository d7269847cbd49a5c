package dev.assent.server.it;

import java.security.SecureRandom;
import java.util.Base64;

/** Encryption keys as an operator writes them ({@code id:base64key}) for the packaged jar's environment. */
final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /** A fresh AES-256 key entry with this id. */
    static String entry(String id) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }
}
