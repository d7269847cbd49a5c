package dev.assent.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which hosts are address literals, which must be and are not, and which are names. No DNS. */
class HostLiteralsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0177.0.0.1", "0x7f.0.0.1", "0x7f000001", "127.1", "127.0.1", "017700000001",
            "1.2.3.4.5", "127.0.0.01", "256.0.0.1", "127.0.0.1.", "0x", "example.0x10", "foo.123"})
    void numericHostsThatAreNotCanonicalDottedQuadsAreNeitherLiteralsNorNames(String host) {
        assertThat(HostLiterals.literal(host)).isEmpty();
        assertThat(HostLiterals.endsInNumber(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "[::1]", "::1", "[::ffff:127.0.0.1]", "[fe80::1]"})
    void canonicalLiteralsAreParsed(String host) {
        assertThat(HostLiterals.literal(host)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[fe80::1%25eth0]", "[fe80::1%eth0]", "[::zz]", "[1:2:3:4:5:6:7:8:9]", "[]"})
    void malformedOrScopedIpv6IsNoLiteral(String host) {
        assertThat(HostLiterals.literal(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "hook.test", "1x.example", "a1", "0xg.example"})
    void namesAreNames(String host) {
        assertThat(HostLiterals.literal(host)).isEmpty();
        assertThat(HostLiterals.endsInNumber(host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "localhost.", "app.localhost", "a.b.Localhost"})
    void localhostNamesAreLoopbackByDefinition(String host) {
        assertThat(HostLiterals.isLocalhostName(host)).isTrue();
    }
}
