package dev.assent.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.tls.TestCertificates.KeyFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reading the listener's PEM files: the key forms operators have, and every refusal naming its variable. */
class TlsCredentialsTest {

    @TempDir
    Path dir;

    private Path cert() {
        return dir.resolve("cert.pem");
    }

    private Path key() {
        return dir.resolve("key.pem");
    }

    @ParameterizedTest
    @EnumSource(value = KeyFormat.class, names = {"PKCS8", "TRADITIONAL"})
    void readsRsaAndEcKeysInPkcs8AndTheOlderForms(KeyFormat format) throws Exception {
        for (TestCertificates made : new TestCertificates[] {TestCertificates.rsa("rsa.test"), TestCertificates.ec("ec.test")}) {
            made.write(cert(), key(), format);
            String header = Files.readString(key()).lines().findFirst().orElseThrow();
            assertThat(header).isEqualTo(format == KeyFormat.PKCS8 ? "-----BEGIN PRIVATE KEY-----"
                    : "-----BEGIN " + (made.keys().getPrivate().getAlgorithm().equals("RSA") ? "RSA" : "EC") + " PRIVATE KEY-----");
            TlsCredentials loaded = TlsCredentials.load(TlsSettings.of(cert(), key()));
            assertThat(loaded.chain()).containsExactly(made.certificate());
            assertThat(secret(loaded.key())).isEqualTo(secret(made.keys().getPrivate()));
            assertThat(loaded.describe()).contains("CN=" + made.certificate().getSubjectX500Principal().getName().substring(3));
        }
    }

    /** The private value itself, whatever optional fields its encoding carried. */
    private static java.math.BigInteger secret(java.security.PrivateKey key) {
        return key instanceof java.security.interfaces.ECPrivateKey ec ? ec.getS()
                : ((java.security.interfaces.RSAPrivateKey) key).getPrivateExponent();
    }

    @Test
    void aChainKeepsItsOrderLeafFirst() throws Exception {
        TestCertificates leaf = TestCertificates.ec("leaf.test");
        TestCertificates other = TestCertificates.ec("other.test");
        leaf.write(cert(), key(), KeyFormat.PKCS8);
        Files.writeString(cert(), leaf.certificatePem() + other.certificatePem());
        assertThat(TlsCredentials.load(TlsSettings.of(cert(), key())).chain()).containsExactly(leaf.certificate(), other.certificate());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingTheKeyVariable() {
        TestCertificates served = TestCertificates.rsa("served.test");
        TestCertificates stranger = TestCertificates.rsa("stranger.test");
        TestCertificates.replace(cert(), served.certificatePem());
        TestCertificates.replace(key(), stranger.keyPem(KeyFormat.PKCS8));
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(cert(), key())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ASSENT_TLS_KEY: the private key in " + key() + " does not match the certificate in ASSENT_TLS_CERT")
                .hasMessageContaining("CN=served.test");
        // An EC key beside an RSA certificate: a type mismatch is the same refusal, not a crash.
        TestCertificates.replace(key(), TestCertificates.ec("ec.test").keyPem(KeyFormat.TRADITIONAL));
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(cert(), key())))
                .hasMessageStartingWith("ASSENT_TLS_KEY: the private key in " + key() + " does not match");
    }

    @Test
    void unreadableEmptyAndWrongFilesAreRefusedNamingTheirVariable() throws Exception {
        TestCertificates made = TestCertificates.ec("made.test");
        made.write(cert(), key(), KeyFormat.PKCS8);
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(missing, key())))
                .hasMessageStartingWith("ASSENT_TLS_CERT: cannot read " + missing);
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(cert(), missing)))
                .hasMessageStartingWith("ASSENT_TLS_KEY: cannot read " + missing);
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(dir, key())))
                .hasMessageStartingWith("ASSENT_TLS_CERT: cannot read " + dir);
        // The two files swapped.
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(key(), cert())))
                .hasMessageStartingWith("ASSENT_TLS_CERT: " + key() + " ");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(empty, key())))
                .hasMessageStartingWith("ASSENT_TLS_CERT: " + empty);
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(cert(), empty)))
                .hasMessageStartingWith("ASSENT_TLS_KEY: " + empty + " holds no PEM private key");
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(cert(), cert())))
                .hasMessageStartingWith("ASSENT_TLS_KEY: " + cert() + " holds no PEM private key");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(cert(), garbage)))
                .hasMessageStartingWith("ASSENT_TLS_KEY: " + garbage + " is not a PEM private key");
        Path huge = dir.resolve("huge.pem");
        Files.write(huge, new byte[(int) TlsCredentials.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(cert(), huge)))
                .hasMessageStartingWith("ASSENT_TLS_KEY: " + huge + " is larger than");
    }

    @Test
    void anEncryptedKeyIsRefusedWithWhatToDoInstead() {
        TestCertificates made = TestCertificates.rsa("made.test");
        made.write(cert(), key(), KeyFormat.ENCRYPTED_PKCS8);
        assertThatThrownBy(() -> TlsCredentials.load(TlsSettings.of(cert(), key())))
                .hasMessageStartingWith("ASSENT_TLS_KEY: " + key() + " is encrypted")
                .hasMessageContaining("-nocrypt");
    }

    @Test
    void bothFilesOrNeitherAndTheReloadIntervalIsBounded() {
        assertThat(TlsSettings.fromEnvironment(Map.of()).enabled()).isFalse();
        assertThat(TlsSettings.fromEnvironment(Map.of("ASSENT_TLS_CERT", " ", "ASSENT_TLS_KEY", "")).enabled()).isFalse();
        assertThatThrownBy(() -> TlsSettings.fromEnvironment(Map.of("ASSENT_TLS_CERT", "/etc/assent/cert.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ASSENT_TLS_CERT is set but ASSENT_TLS_KEY is not: TLS needs both PEM files (or neither)");
        assertThatThrownBy(() -> TlsSettings.fromEnvironment(Map.of("ASSENT_TLS_KEY", "/etc/assent/key.pem")))
                .hasMessage("ASSENT_TLS_KEY is set but ASSENT_TLS_CERT is not: TLS needs both PEM files (or neither)");
        Map<String, String> both = Map.of("ASSENT_TLS_CERT", "/c.pem", "ASSENT_TLS_KEY", "/k.pem");
        TlsSettings settings = TlsSettings.fromEnvironment(both);
        assertThat(settings.certificate()).contains(Path.of("/c.pem"));
        assertThat(settings.privateKey()).contains(Path.of("/k.pem"));
        assertThat(settings.reloadCheck()).isEqualTo(TlsSettings.DEFAULT_RELOAD_CHECK);
        for (String bad : new String[] {"0", "3601", "ten"}) {
            Map<String, String> env = new java.util.HashMap<>(both);
            env.put("ASSENT_TLS_RELOAD_INTERVAL", bad);
            assertThatThrownBy(() -> TlsSettings.fromEnvironment(env)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ASSENT_TLS_RELOAD_INTERVAL");
        }
    }
}
