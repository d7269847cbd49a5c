package dev.assent.benchmark;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import dev.assent.device.DeviceKey;
import java.security.Provider;

/**
 * Which provider the simulated devices sign with, in the client half of the benchmark. The signing itself is
 * the shared virtual device's ({@link DeviceKey}, module {@code device/}).
 *
 * <p>The clients have their own core(s), but a load generator that signs slowly would cap the rate it can
 * offer. They therefore sign with the fastest provider available (ACCP when its native library loads,
 * else the JDK's SunEC), whatever provider the server is told to verify with: {@code --provider} then
 * changes only the server's cost.
 */
final class DeviceSigning {

    private static final Provider PROVIDER = fastestProvider();

    private DeviceSigning() {
    }

    /** The provider's name and version, for the report header. */
    static String providerName() {
        return PROVIDER == null ? "SunEC (JDK default)" : PROVIDER.getName() + " " + PROVIDER.getVersionStr();
    }

    /** A fresh P-256 device key, made by the provider that will sign with it. */
    static DeviceKey newKey() {
        return DeviceKey.generate(PROVIDER);
    }

    private static Provider fastestProvider() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() == null) {
                accp.assertHealthy();
                return accp;
            }
        } catch (LinkageError | RuntimeException e) {
            // No native library for this platform: SunEC is slower but correct.
        }
        return null;
    }
}
