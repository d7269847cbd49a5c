package dev.assent.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policy's decisions, made without the network: URLs are checked as written, and names go to a
 * resolver that fails the test if it is asked when it should not be.
 */
class OutboundPolicyTest {

    /** Fails on any lookup: a URL check must never resolve. */
    static final HostResolver NEVER = host -> {
        throw new AssertionError("resolved " + host);
    };

    final OutboundPolicy strict = new OutboundPolicy(OutboundSettings.STRICT.withResolver(NEVER));
    final OutboundPolicy dev = new OutboundPolicy(OutboundSettings.DEV.withResolver(NEVER));

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://127.0.0.1:8443/hook", "https://localhost/hook",
            "https://LOCALHOST./hook", "https://api.localhost/hook", "https://2130706433/", "https://0177.0.0.1/",
            "https://0x7f.0.0.1/", "https://0x7f000001/", "https://127.1/", "https://[::1]/", "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:7f00:1]/", "https://[0:0:0:0:0:ffff:127.0.0.1]/", "https://[::127.0.0.1]/",
            "https://10.0.0.1/", "https://172.16.5.4/", "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/",
            "https://[fe80::1]/", "https://[fe80::1%25eth0]/", "https://[fd00::1]/", "https://[fc00::1]/", "https://100.64.0.1/",
            "https://0.0.0.0/", "https://224.0.0.1/", "https://255.255.255.255/", "https://[ff02::1]/", "https://[::]/",
            "https://[64:ff9b::a9fe:a9fe]/", "https://[2002:a00:1::1]/", "https://192.0.2.1/", "https://240.0.0.1/",
            "https://example.com:99999/", "https://example.com:0/", "https://user:pass@example.com/", "https://user@example.com/",
            "http://example.com/", "ftp://example.com/", "https:///path", "hook", "https://exa_mple.com/"})
    void theStrictPolicyRefusesTheUrlAsWritten(String url) throws Exception {
        assertThat(strict.problem(new URI(url))).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hook", "https://hooks.example.com:8443/a?b=c", "https://8.8.8.8/",
            "https://[2001:4860:4860::8888]/", "https://[::ffff:8.8.8.8]/", "HTTPS://Example.COM/"})
    void theStrictPolicyAcceptsPublicHttpsUrls(String url) throws Exception {
        assertThat(strict.problem(new URI(url))).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost:3000/", "http://[::1]:8080/", "http://127.0.0.2/",
            "http://example.com/"})
    void devAllowsLoopbackAndPlainHttp(String url) throws Exception {
        assertThat(dev.problem(new URI(url))).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1/", "http://169.254.169.254/", "http://2130706433/", "http://[fd00::1]/",
            "http://0.0.0.0:8080/", "http://[::ffff:10.0.0.1]/"})
    void devStillRefusesEverythingButLoopback(String url) throws Exception {
        assertThat(dev.problem(new URI(url))).as(url).isPresent();
    }

    @Test
    void theAllowListOpensExactlyItsBlocks() throws Exception {
        OutboundPolicy policy = new OutboundPolicy(OutboundSettings.STRICT.withAllow(List.of(Cidr.parse("10.1.0.0/16"),
                Cidr.parse("fd00:1::/32"))).withResolver(NEVER));
        assertThat(policy.problem(new URI("https://10.1.2.3/"))).isEmpty();
        assertThat(policy.problem(new URI("https://[::ffff:10.1.2.3]/"))).isEmpty();
        assertThat(policy.problem(new URI("https://[fd00:1:ffff::1]/"))).isEmpty();
        assertThat(policy.problem(new URI("https://10.2.0.1/"))).isPresent();
        assertThat(policy.problem(new URI("https://[fd00:2::1]/"))).isPresent();
        assertThat(policy.problem(new URI("https://127.0.0.1/"))).isPresent();
        assertThat(policy.problem(new URI("http://10.1.2.3/"))).as("still https only").isPresent();
    }

    @Test
    void aNameIsResolvedOnceAndRefusedWholeIfAnyAnswerIsRefused() throws Exception {
        List<String> asked = new ArrayList<>();
        Map<String, List<InetAddress>> names = Map.of(
                "public.test", List.of(literal("8.8.8.8"), literal("[2001:4860:4860::8888]")),
                "internal.test", List.of(literal("10.0.0.1")),
                "metadata.test", List.of(literal("169.254.169.254")),
                "mixed.test", List.of(literal("8.8.8.8"), literal("127.0.0.1")),
                "mapped.test", List.of(Inet6Address.getByAddress(null,
                        HexFormat.of().parseHex("00000000000000000000ffff7f000001"), -1)));
        OutboundPolicy policy = new OutboundPolicy(OutboundSettings.STRICT.withResolver(host -> {
            asked.add(host);
            List<InetAddress> answer = names.get(host);
            if (answer == null) {
                throw new UnknownHostException(host);
            }
            return answer;
        }));
        assertThat(policy.addresses("public.test")).extracting(InetAddress::getHostAddress)
                .containsExactly("8.8.8.8", "2001:4860:4860:0:0:0:0:8888");
        assertThatThrownBy(() -> policy.addresses("internal.test")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> policy.addresses("metadata.test")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> policy.addresses("mixed.test")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> policy.addresses("mapped.test")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> policy.addresses("nowhere.test")).isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(OutboundRefusedException.class);
        assertThat(asked).containsExactly("public.test", "internal.test", "metadata.test", "mixed.test", "mapped.test",
                "nowhere.test");
        // Literals and numeric forms never reach the resolver.
        assertThatThrownBy(() -> policy.addresses("127.0.0.1")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> policy.addresses("2130706433")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> policy.addresses("0x7f.1")).isInstanceOf(OutboundRefusedException.class);
        assertThat(policy.addresses("8.8.4.4")).extracting(InetAddress::getHostAddress).containsExactly("8.8.4.4");
        // localhost names are loopback by definition (RFC 6761), never asked of the resolver.
        assertThatThrownBy(() -> policy.addresses("localhost")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> policy.addresses("db.localhost.")).isInstanceOf(OutboundRefusedException.class);
        assertThat(new OutboundPolicy(OutboundSettings.DEV.withResolver(NEVER)).addresses("app.localhost"))
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(asked).hasSize(6);
    }

    @Test
    void settingsComeFromTheEnvironment() {
        assertThat(OutboundSettings.fromEnvironment(Map.of(), false)).isEqualTo(OutboundSettings.STRICT);
        assertThat(OutboundSettings.fromEnvironment(Map.of(), true)).isEqualTo(OutboundSettings.DEV);
        OutboundSettings custom = OutboundSettings.fromEnvironment(Map.of("ASSENT_OUTBOUND_ALLOW", " 10.0.0.0/8, 192.168.1.7 ,fd00::/8",
                "ASSENT_OUTBOUND_ALLOW_HTTP", "TRUE"), false);
        assertThat(custom.allow()).containsExactly(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.1.7/32"), Cidr.parse("fd00::/8"));
        assertThat(custom.allowHttp()).isTrue();
        OutboundSettings strictDev = OutboundSettings.fromEnvironment(Map.of("ASSENT_OUTBOUND_ALLOW", "",
                "ASSENT_OUTBOUND_ALLOW_HTTP", "false"), true);
        assertThat(strictDev.allow()).isEmpty();
        assertThat(strictDev.allowHttp()).isFalse();
        assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "example.com", "2130706433", "10.0.0.0/8;", "::1/129"})
    void aBadAllowListNamesTheVariableAndValue(String value) {
        assertThatThrownBy(() -> OutboundSettings.fromEnvironment(Map.of("ASSENT_OUTBOUND_ALLOW", value), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ASSENT_OUTBOUND_ALLOW").hasMessageContaining(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "", "on"})
    void aBadAllowHttpNamesTheVariableAndValue(String value) {
        assertThatThrownBy(() -> OutboundSettings.fromEnvironment(Map.of("ASSENT_OUTBOUND_ALLOW_HTTP", value), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ASSENT_OUTBOUND_ALLOW_HTTP='" + value + "'");
    }

    static InetAddress literal(String text) {
        return HostLiterals.literal(text).orElseThrow();
    }
}
