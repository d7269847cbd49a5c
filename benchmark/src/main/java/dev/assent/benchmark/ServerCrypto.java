package dev.assent.benchmark;

import dev.assent.server.device.CryptoProviders;

/**
 * The value of {@code --provider}: which JCA provider the server verifies ES256 with. It is handed to
 * the server through the same system property an operator would use, so it must be set before
 * {@link CryptoProviders} first runs (its choice is made once per JVM).
 */
enum ServerCrypto {
    ACCP("accp", "AmazonCorrettoCryptoProvider"),
    BC("bc", "BC");

    private final String propertyValue;
    private final String providerName;

    ServerCrypto(String propertyValue, String providerName) {
        this.propertyValue = propertyValue;
        this.providerName = providerName;
    }

    /** The value of the server's system property {@link CryptoProviders#PROPERTY}. */
    String propertyValue() {
        return propertyValue;
    }

    /** Sets the property; call before anything touches {@link CryptoProviders}. */
    void select() {
        System.setProperty(CryptoProviders.PROPERTY, propertyValue);
    }

    /**
     * Fails when the server did not get the provider asked for: asking for ACCP on a machine where the
     * native library does not load would otherwise silently benchmark BouncyCastle.
     */
    void requireSelected() {
        String actual = CryptoProviders.ecdsa().getName();
        if (!actual.equals(providerName)) {
            throw new IllegalStateException("--provider " + propertyValue + " was asked for, but the server uses "
                    + CryptoProviders.name());
        }
    }
}
