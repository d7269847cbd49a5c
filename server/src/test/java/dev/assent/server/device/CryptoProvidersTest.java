package dev.assent.server.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.Security;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CryptoProvidersTest {

    @Test
    void choosesTheNativeAmazonCorrettoProviderOnLinuxX86_64() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64")), "ACCP's native library is only on the classpath for linux-x86_64");
        assumeTrue(System.getProperty(CryptoProviders.PROPERTY) == null, "the provider was forced");

        assertThat(CryptoProviders.accp()).as("ACCP loads and passes its self tests here").isPresent();
        assertThat(CryptoProviders.name()).isEqualTo("AmazonCorrettoCryptoProvider 2.5.0 (native)");
        assertThat(CryptoProviders.ecdsa()).isSameAs(CryptoProviders.accp().orElseThrow());
    }

    @Test
    void theBcSettingForcesThePureJavaFallback() {
        CryptoProviders.Choice choice = CryptoProviders.choose("bc");

        assertThat(choice.provider()).isSameAs(CryptoProviders.bouncyCastle());
        assertThat(choice.name()).isEqualTo("BC 1.87 (pure Java)");
        assertThat(CryptoProviders.choose(" BC ").provider()).isSameAs(CryptoProviders.bouncyCastle());
    }

    @Test
    void anyOtherSettingPrefersAccpWhenItWorks() {
        for (String setting : new String[] {null, "", "accp", "auto"}) {
            assertThat(CryptoProviders.choose(setting).provider())
                    .isSameAs(CryptoProviders.accp().orElse(CryptoProviders.bouncyCastle()));
        }
    }

    @Test
    void neverChoosesSunEc() {
        assertThat(CryptoProviders.ecdsa().getName()).isNotEqualTo("SunEC");
        assertThat(CryptoProviders.choose("bc").provider().getName()).isNotEqualTo("SunEC");
    }

    @Test
    void doesNotInstallItsProvidersInTheJvm() {
        CryptoProviders.ecdsa();
        assertThat(Arrays.asList(Security.getProviders()))
                .doesNotContain(CryptoProviders.bouncyCastle())
                .doesNotContainAnyElementsOf(CryptoProviders.accp().stream().toList());
    }
}
