package dev.assent.server.device;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA provider used for every ECDSA verification in this package, chosen once per JVM
 * (docs/push-protocol.md §3, §4, §6 all verify P-256 signatures).
 *
 * <p>Amazon Corretto Crypto Provider (native AWS-LC) when it loaded and passed its self tests, else
 * BouncyCastle. The JDK's SunEC is never chosen: every device request costs at least one verification,
 * and single-threaded ES256 on the development machine ran at about 16,000/s with ACCP, 10,500/s with
 * BouncyCastle and 1,300/s with SunEC. Setting the system property {@value #PROPERTY} to {@code bc} forces
 * the pure-Java fallback (tests, benchmarks, or a platform where the native library misbehaves); any
 * other value, or none, means "ACCP if it works here". The provider is handed to each verifier
 * explicitly and is never installed with {@code Security.insertProviderAt}, so the rest of the JVM
 * (TLS, JDBC) keeps its defaults.
 */
public final class CryptoProviders {

    /** System property that forces BouncyCastle when set to {@code bc}. */
    public static final String PROPERTY = "assent.crypto.provider";

    private CryptoProviders() {
    }

    /** The provider to pass to ECDSA verifiers. */
    public static Provider ecdsa() {
        return Selected.CHOICE.provider();
    }

    /**
     * A human-readable name of the chosen provider for the startup log, e.g.
     * {@code "AmazonCorrettoCryptoProvider 2.5.0 (native)"} or {@code "BC 1.87 (pure Java)"}; when ACCP
     * was wanted but could not be used it says why, e.g.
     * {@code "BC 1.87 (pure Java; ACCP unavailable: UnsatisfiedLinkError)"}.
     */
    public static String name() {
        return Selected.CHOICE.name();
    }

    /** ACCP if it loaded and is healthy on this machine; for tests that run every check under both providers. */
    static Optional<Provider> accp() {
        return Optional.ofNullable(Accp.PROVIDER);
    }

    /** The shared BouncyCastle instance (building one is slow, so there is only one). */
    static Provider bouncyCastle() {
        return Bc.PROVIDER;
    }

    /** The selection rule, as a function of the property's value so that tests can exercise it. */
    static Choice choose(String setting) {
        if (setting != null && setting.trim().toLowerCase(Locale.ROOT).equals("bc")) {
            return new Choice(Bc.PROVIDER, Bc.LABEL + " (pure Java)");
        }
        if (Accp.PROVIDER != null) {
            return new Choice(Accp.PROVIDER, Accp.PROVIDER.getName() + " " + Accp.PROVIDER.getVersionStr() + " (native)");
        }
        return new Choice(Bc.PROVIDER, Bc.LABEL + " (pure Java; ACCP unavailable: " + Accp.FAILURE + ")");
    }

    record Choice(Provider provider, String name) {
    }

    // Holder classes: each is initialised on first use, exactly once, without locking on the hot path.
    // Forcing "bc" therefore never touches ACCP's native library.

    private static final class Selected {
        static final Choice CHOICE = choose(System.getProperty(PROPERTY));
    }

    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
        static final String LABEL = PROVIDER.getName() + " " + PROVIDER.getVersionStr();
    }

    private static final class Accp {
        static final Provider PROVIDER;
        static final String FAILURE;

        static {
            Provider provider = null;
            String failure = null;
            try {
                AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
                Throwable loadingError = accp.getLoadingError();
                if (loadingError != null) {
                    failure = loadingError.getClass().getSimpleName();
                } else {
                    accp.assertHealthy(); // runs the self tests if they have not run yet; throws if any failed
                    provider = accp;
                }
            } catch (LinkageError | RuntimeException e) {
                // Missing jar, native library for another platform, or failed self test: fall back.
                failure = e.getClass().getSimpleName();
            }
            PROVIDER = provider;
            FAILURE = failure;
        }
    }
}
