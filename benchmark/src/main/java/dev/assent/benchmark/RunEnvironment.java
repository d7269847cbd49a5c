package dev.assent.benchmark;

import dev.assent.server.device.CryptoProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the numbers came from: they mean little without the machine, the JDK, the core split and the
 * crypto provider next to them.
 *
 * @param date          when the run started, UTC
 * @param jdk           JDK version and vendor
 * @param cores         processors the machine offers this benchmark
 * @param pinning       the core split, or why there is none
 * @param serverCrypto  the provider ES256 is verified with ({@link CryptoProviders#name()}; the server applies the same rule)
 * @param deviceCrypto  the provider the simulated devices sign with
 * @param loadAverage   /proc/loadavg at the start: other work on the machine skews the numbers
 */
record RunEnvironment(String date, String jdk, int cores, String pinning, String serverCrypto, String deviceCrypto,
        String loadAverage) {

    /** Reads the environment; touches {@link CryptoProviders}, so {@code --provider} must be applied first. */
    static RunEnvironment current(CpuPinning pinning) {
        return new RunEnvironment(
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                pinning.cores(),
                pinning.description(),
                CryptoProviders.name(),
                DeviceSigning.providerName(),
                readLoadAverage());
    }

    /** The first three fields of /proc/loadavg, e.g. {@code 1.52 0.98 0.70}. */
    static String readLoadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    String header() {
        return date + " | JDK " + jdk + " | " + cores + " cores | " + pinning + " | ES256 verify: " + serverCrypto
                + " | device signing: " + deviceCrypto + " | load average at start " + loadAverage;
    }
}
