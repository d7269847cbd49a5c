package dev.assent.server.sid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SidTest {

    /** The rule as it was written before the loop replaced it: the reference the loop must agree with. */
    private static final Pattern REFERENCE = Pattern.compile("[0-9a-fA-F]{32}");

    private static boolean reference(SidType type, String candidate) {
        return candidate != null && candidate.length() == 34 && candidate.startsWith(type.prefix())
                && REFERENCE.matcher(candidate).region(2, 34).matches();
    }

    @Test
    void generatedSidsMatchTheirTypeOnly() {
        for (SidType type : SidType.values()) {
            Sid sid = Sid.generate(type);
            assertThat(sid.value()).hasSize(34).startsWith(type.prefix());
            for (SidType other : SidType.values()) {
                assertThat(Sid.matches(other, sid.value())).isEqualTo(other == type);
            }
        }
    }

    @Test
    void theEdgesOfTheHexAlphabetAndLength() {
        String hex = "0123456789abcdefABCDEF0123456789";
        assertThat(Sid.matches(SidType.CHALLENGE, "YC" + hex)).isTrue();
        for (char bad : new char[] {'g', 'G', '/', ':', '@', '`', ' ', '\u0660', '\uff10', '\u0000', 'z'}) {
            assertThat(Sid.matches(SidType.CHALLENGE, "YC" + hex.substring(0, 31) + bad)).as("%s", (int) bad).isFalse();
            assertThat(Sid.matches(SidType.CHALLENGE, "YC" + bad + hex.substring(1))).as("%s", (int) bad).isFalse();
        }
        assertThat(Sid.matches(SidType.CHALLENGE, "YC" + hex.substring(1))).isFalse();
        assertThat(Sid.matches(SidType.CHALLENGE, "YC" + hex + "0")).isFalse();
        assertThat(Sid.matches(SidType.CHALLENGE, "yc" + hex)).isFalse();
        assertThat(Sid.matches(SidType.CHALLENGE, null)).isFalse();
        assertThat(Sid.matches(SidType.CHALLENGE, "")).isFalse();
        assertThatThrownBy(() -> new Sid(SidType.FACTOR, "YC" + hex)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomCandidates() {
        Random random = new Random(12);
        String alphabet = "0123456789abcdefABCDEFgGzZ-_ \u0660\u00e9YCFA";
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder(random.nextBoolean() ? "YC" : SidType.values()[random.nextInt(SidType.values().length)].prefix());
            int length = random.nextInt(10) == 0 ? random.nextInt(40) : 32;
            // Mostly hex, so that valid ones and near misses (one bad character) are both common.
            for (int j = 0; j < length; j++) {
                b.append(random.nextInt(20) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : "0123456789abcdef".charAt(random.nextInt(16)));
            }
            candidates.add(b.toString());
        }
        int valid = 0;
        for (String candidate : candidates) {
            for (SidType type : new SidType[] {SidType.CHALLENGE, SidType.FACTOR}) {
                boolean expected = reference(type, candidate);
                assertThat(Sid.matches(type, candidate)).as(candidate).isEqualTo(expected);
                valid += expected ? 1 : 0;
            }
        }
        assertThat(valid).as("the sample holds valid SIDs too").isGreaterThan(1000);
    }
}
