package dev.assent.benchmark;

import dev.assent.server.device.CryptoProviders;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the numbers came from: they mean little without the machine, the JDK and the crypto
 * provider next to them.
 *
 * @param date          when the run started, UTC
 * @param jdk           JDK version and vendor
 * @param cores         processors the JVM sees (server and clients share them)
 * @param serverCrypto  the provider the server verifies ES256 with ({@link CryptoProviders#name()})
 * @param deviceCrypto  the provider the simulated devices sign with
 */
record RunEnvironment(String date, String jdk, int cores, String serverCrypto, String deviceCrypto) {

    /** Reads the environment; touches {@link CryptoProviders}, so {@code --provider} must be applied first. */
    static RunEnvironment current() {
        return new RunEnvironment(
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                Runtime.getRuntime().availableProcessors(),
                CryptoProviders.name(),
                DeviceSigning.providerName());
    }

    /** The header line printed before each database's results. */
    String headerFor(String database) {
        return date + " | JDK " + jdk + " | " + cores + " cores | server ES256 verify: " + serverCrypto
                + " | device signing: " + deviceCrypto + " | " + database;
    }
}
