package dev.assent.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasskeyEncodingTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void challengesAreFreshAndReadTheSameWithAtobAndBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String challenge = PasskeyEncoding.newChallenge(RANDOM);
            assertThat(challenge).matches("[A-Za-z0-9]{43}");
            assertThat(Base64.getDecoder().decode(challenge)).isEqualTo(Base64.getUrlDecoder().decode(challenge)).hasSize(32);
            assertThat(seen.add(challenge)).isTrue();
        }
    }

    @Test
    void userIdIsTheEntitySidsAsciiInBothAlphabetsForEverySid() {
        for (int i = 0; i < 500; i++) {
            Sid entity = Sid.generate(SidType.ENTITY);
            String userId = PasskeyEncoding.userId(entity);
            assertThat(userId).matches("[A-Za-z0-9]+");
            assertThat(new String(Base64.getDecoder().decode(userId))).isEqualTo(entity.value());
        }
    }

    @Test
    void decodeTakesBothAlphabetsWithOrWithoutPaddingAndRefusesOthers() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, 0x01};
        assertThat(PasskeyEncoding.decode("-_8B")).contains(bytes);
        assertThat(PasskeyEncoding.decode("+/8B")).contains(bytes);
        assertThat(PasskeyEncoding.decode("AQ==")).contains(new byte[] {1});
        assertThat(PasskeyEncoding.decode("AQ")).contains(new byte[] {1});
        assertThat(PasskeyEncoding.decode("A")).isEmpty();
        assertThat(PasskeyEncoding.decode("not base64!")).isEmpty();
        assertThat(PasskeyEncoding.decode(null)).isEmpty();
    }

    @Test
    void rawIdMayBeHexOrBase64UrlButMustAgreeWithId() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        String hex = HexFormat.of().formatHex(id);
        assertThat(PasskeyEncoding.credentialId(Optional.of(url), Optional.of(url), Optional.empty())).isEqualTo(id);
        assertThat(PasskeyEncoding.credentialId(Optional.of(url), Optional.of(hex), Optional.empty())).isEqualTo(id);
        assertThat(PasskeyEncoding.credentialId(Optional.empty(), Optional.of(hex), Optional.of(id))).isEqualTo(id);
        byte[] other = id.clone();
        other[0] ^= 1;
        String otherUrl = Base64.getUrlEncoder().withoutPadding().encodeToString(other);
        assertThatThrownBy(() -> PasskeyEncoding.credentialId(Optional.of(url), Optional.of(otherUrl), Optional.empty()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.PASSKEY_RAW_ID_INVALID));
        assertThatThrownBy(() -> PasskeyEncoding.credentialId(Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.PASSKEY_RAW_ID_INVALID));
        assertThatThrownBy(() -> PasskeyEncoding.credentialId(Optional.of("!!"), Optional.of(url), Optional.empty()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.PASSKEY_RAW_ID_INVALID));
    }
}
