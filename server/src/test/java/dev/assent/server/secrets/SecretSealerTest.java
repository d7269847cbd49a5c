package dev.assent.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private static final String ROW = "factors.totp_secret:YF00000000000000000000000000000001";

    @Test
    void sealedTextNamesItsKeyAndOpensForItsRowOnly() {
        SecretSealer sealer = new SecretSealer(EncryptionKeys.generate("k1"));
        String sealed = sealer.seal("JBSWY3DPEHPK3PXP", ROW);
        assertThat(sealed).startsWith("$v1$k1$").doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(SecretSealer.isSealed(sealed)).isTrue();
        assertThat(SecretSealer.keyId(sealed)).contains("k1");
        assertThat(sealer.open(sealed, ROW)).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThatThrownBy(() -> sealer.open(sealed, "factors.totp_secret:YF00000000000000000000000000000002"))
                .isInstanceOf(UnsealableSecretException.class);
        assertThatThrownBy(() -> sealer.open(sealed, "accounts.auth_token:YF00000000000000000000000000000001"))
                .isInstanceOf(UnsealableSecretException.class);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        SecretSealer sealer = new SecretSealer(EncryptionKeys.generate("k1"));
        assertThat(sealer.seal("same", ROW)).isNotEqualTo(sealer.seal("same", ROW));
    }

    @Test
    void anAlteredOrRelabelledCiphertextDoesNotOpen() {
        EncryptionKeys keys = EncryptionKeys.parse(entry("k2") + "," + entry("k1"), "test");
        SecretSealer sealer = new SecretSealer(keys);
        String sealed = sealer.seal("secret", ROW);
        byte[] body = Base64.getDecoder().decode(sealed.substring("$v1$k2$".length()));
        body[body.length - 1] ^= 1;
        assertThatThrownBy(() -> sealer.open("$v1$k2$" + Base64.getEncoder().encodeToString(body), ROW))
                .isInstanceOf(UnsealableSecretException.class);
        assertThatThrownBy(() -> sealer.open(sealed.replace("$v1$k2$", "$v1$k1$"), ROW)).isInstanceOf(UnsealableSecretException.class);
        assertThatThrownBy(() -> sealer.open("$v1$k2$AAAA", ROW)).isInstanceOf(UnsealableSecretException.class);
        assertThatThrownBy(() -> sealer.open("plaintext", ROW)).isInstanceOf(UnsealableSecretException.class);
    }

    @Test
    void oldKeysOpenWhileTheFirstSeals() {
        String k1 = entry("k1");
        String old = new SecretSealer(EncryptionKeys.parse(k1, "test")).seal("secret", ROW);
        SecretSealer rotated = new SecretSealer(EncryptionKeys.parse(entry("k2") + "\n# retired soon\n" + k1, "test"));
        assertThat(rotated.open(old, ROW)).isEqualTo("secret");
        assertThat(SecretSealer.keyId(rotated.seal("secret", ROW))).contains("k2");
        SecretSealer withoutK1 = new SecretSealer(EncryptionKeys.parse(entry("k2"), "test"));
        assertThatThrownBy(() -> withoutK1.open(old, ROW)).isInstanceOf(UnsealableSecretException.class).hasMessageContaining("k1");
    }

    @Test
    void plaintextSecretsAreNotTakenForSealedOnes() {
        for (String plaintext : List.of("0123456789abcdef0123456789abcdef", "JBSWY3DPEHPK3PXP", "{\"kind\":\"fcm\"}",
                "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq8w=", "eyJhbGciOiJIUzI1NiJ9.e30.sig", "$v1$")) {
            assertThat(SecretSealer.isSealed(plaintext)).as(plaintext).isFalse();
        }
    }

    @Test
    void keysAreCheckedAndNeverShown() {
        String k1 = entry("k1");
        EncryptionKeys keys = EncryptionKeys.parse(k1, "test");
        assertThat(keys.toString() + keys.active() + new SecretSealer(keys)).doesNotContain(k1.substring(3));
        assertThatThrownBy(() -> new SecretSealer(EncryptionKeys.NONE)).hasMessageContaining("ASSENT_ENCRYPTION_KEYS");
        assertThatThrownBy(() -> EncryptionKeys.parse("k1:c2hvcnQ=", "X")).hasMessageContaining("expected 32");
        assertThatThrownBy(() -> EncryptionKeys.parse(k1 + "," + k1, "X")).hasMessageContaining("twice");
        assertThatThrownBy(() -> EncryptionKeys.parse("k1:not base64!", "X")).hasMessageContaining("base64")
                .hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> EncryptionKeys.parse("bare" + k1.substring(3), "X")).hasMessageNotContaining(k1.substring(3));
        assertThatThrownBy(() -> EncryptionKeys.parse("  # nothing\n", "X")).hasMessageContaining("no encryption key");
        assertThatThrownBy(() -> EncryptionKeys.fromEnvironment(Map.of("ASSENT_ENCRYPTION_KEYS", k1, "ASSENT_ENCRYPTION_KEY_FILE", "f")))
                .hasMessageContaining("not both");
        assertThat(EncryptionKeys.fromEnvironment(Map.of())).isEmpty();
    }

    private static String entry(String id) {
        return EncryptionKey.generate(id).toEntry();
    }
}
