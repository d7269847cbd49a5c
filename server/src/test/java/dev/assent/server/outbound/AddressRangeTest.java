package dev.assent.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every special-purpose range, from address literals only: nothing here resolves or connects. */
class AddressRangeTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            // IPv4
            "0.0.0.0, THIS_NETWORK",
            "0.255.255.255, THIS_NETWORK",
            "127.0.0.1, LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "10.0.0.1, PRIVATE",
            "10.255.255.255, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "172.15.255.255, PUBLIC",
            "172.32.0.0, PUBLIC",
            "192.168.0.1, PRIVATE",
            "192.169.0.1, PUBLIC",
            "169.254.169.254, LINK_LOCAL",
            "169.254.0.1, LINK_LOCAL",
            "100.64.0.1, CARRIER_GRADE_NAT",
            "100.127.255.255, CARRIER_GRADE_NAT",
            "100.63.255.255, PUBLIC",
            "100.128.0.0, PUBLIC",
            "224.0.0.1, MULTICAST",
            "239.255.255.255, MULTICAST",
            "240.0.0.1, RESERVED",
            "255.255.255.255, RESERVED",
            "192.0.0.8, RESERVED",
            "192.0.2.1, RESERVED",
            "192.88.99.1, RESERVED",
            "198.18.0.1, RESERVED",
            "198.19.255.255, RESERVED",
            "198.20.0.0, PUBLIC",
            "198.51.100.1, RESERVED",
            "203.0.113.1, RESERVED",
            "8.8.8.8, PUBLIC",
            "1.1.1.1, PUBLIC",
            "93.184.215.14, PUBLIC",
            // IPv6
            "[::], THIS_NETWORK",
            "[::1], LOOPBACK",
            "[fe80::1], LINK_LOCAL",
            "[febf:ffff::1], LINK_LOCAL",
            "[fc00::1], UNIQUE_LOCAL",
            "[fd12:3456:789a::1], UNIQUE_LOCAL",
            "[fec0::1], UNIQUE_LOCAL",
            "[ff02::1], MULTICAST",
            "[ff0e::1], MULTICAST",
            "[::ffff:127.0.0.1], LOOPBACK",
            "[::ffff:10.0.0.1], PRIVATE",
            "[::ffff:169.254.169.254], LINK_LOCAL",
            "[::ffff:7f00:1], LOOPBACK",
            "[::ffff:8.8.8.8], PUBLIC",
            "[::127.0.0.1], LOOPBACK",
            "[::10.0.0.1], PRIVATE",
            "[::8.8.8.8], RESERVED",
            "[::ffff:0:127.0.0.1], LOOPBACK",
            "[64:ff9b::127.0.0.1], LOOPBACK",
            "[64:ff9b::a9fe:a9fe], LINK_LOCAL",
            "[64:ff9b::808:808], PUBLIC",
            "[64:ff9b:1::1], RESERVED",
            "[2002:7f00:1::1], LOOPBACK",
            "[2002:c0a8:101::1], PRIVATE",
            "[2002:808:808::1], PUBLIC",
            "[100::1], RESERVED",
            "[2001::1], RESERVED",
            "[2001:2::1], RESERVED",
            "[2001:db8::1], RESERVED",
            "[3fff::1], RESERVED",
            "[4000::1], RESERVED",
            "[1234::1], RESERVED",
            "[2001:4860:4860::8888], PUBLIC",
            "[2606:4700:4700::1111], PUBLIC",
    })
    void literalsAreClassified(String literal, AddressRange expected) throws Exception {
        InetAddress address = HostLiterals.literal(literal).orElseThrow();
        assertThat(AddressRange.of(address)).isEqualTo(expected);
    }

    /** An Inet6Address that keeps IPv4-mapped bytes (the JDK's parser would hand back an Inet4Address). */
    @ParameterizedTest(name = "::ffff:{0} as Inet6Address is {1}")
    @CsvSource({"7f000001, LOOPBACK", "0a000001, PRIVATE", "a9fea9fe, LINK_LOCAL", "64400001, CARRIER_GRADE_NAT",
            "00000000, THIS_NETWORK", "e0000001, MULTICAST", "ffffffff, RESERVED", "08080808, PUBLIC"})
    void ipv4MappedInet6AddressesAreClassifiedByTheEmbeddedAddress(String ipv4Hex, AddressRange expected) throws Exception {
        byte[] bytes = HexFormat.of().parseHex("00000000000000000000ffff" + ipv4Hex);
        InetAddress mapped = Inet6Address.getByAddress(null, bytes, -1);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(AddressRange.of(mapped)).isEqualTo(expected);
        assertThat(AddressRange.of(AddressRange.canonical(mapped))).isEqualTo(expected);
        assertThat(AddressRange.canonical(mapped).getAddress()).hasSize(4);
    }
}
