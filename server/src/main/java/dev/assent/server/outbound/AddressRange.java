package dev.assent.server.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What kind of address a peer is, by the IANA special-purpose registries (RFC 6890 and its
 * updates). Only {@link #PUBLIC} is reachable by default; IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are classified by the address
 * they embed, and IPv6 outside global unicast {@code 2000::/3} is reserved.
 */
public enum AddressRange {
    PUBLIC,
    /** 0.0.0.0/8, ::/128. */
    THIS_NETWORK,
    /** 127.0.0.0/8, ::1/128. */
    LOOPBACK,
    /** 169.254.0.0/16, fe80::/10. */
    LINK_LOCAL,
    /** RFC 1918: 10/8, 172.16/12, 192.168/16. */
    PRIVATE,
    /** 100.64.0.0/10 (RFC 6598). */
    CARRIER_GRADE_NAT,
    /** fc00::/7 (RFC 4193), and the deprecated site-local fec0::/10. */
    UNIQUE_LOCAL,
    /** 224.0.0.0/4, ff00::/8. */
    MULTICAST,
    /** Documentation, benchmarking, protocol assignments, 240.0.0.0/4 and broadcast, and IPv6 outside 2000::/3. */
    RESERVED;

    /** The range {@code address} is in. */
    public static AddressRange of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ofIpv4(b);
        }
        if (address instanceof Inet6Address) {
            return ofIpv6(b);
        }
        throw new AssertionError("an InetAddress is IPv4 or IPv6: " + address.getClass());
    }

    /**
     * {@code address} as the IPv4 address it stands for when it is IPv4-mapped ({@code ::ffff:a.b.c.d});
     * otherwise itself. The JDK usually does this when parsing, but not for every way an
     * {@code Inet6Address} can be made.
     */
    public static InetAddress canonical(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16 && startsWith(b, MAPPED_PREFIX)) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            } catch (UnknownHostException e) {
                throw new AssertionError("four bytes always make an address", e);
            }
        }
        return address;
    }

    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    private static final byte[] TRANSLATED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0};
    private static final byte[] COMPATIBLE_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private static AddressRange ofIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return THIS_NETWORK;
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return PRIVATE;
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return CARRIER_GRADE_NAT;
        }
        if (a0 >= 224 && a0 <= 239) {
            return MULTICAST;
        }
        if (a0 >= 240 // 240/4 reserved, including 255.255.255.255 broadcast
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // protocol assignments, TEST-NET-1
                || (a0 == 192 && a1 == 88 && a2 == 99) // 6to4 relay anycast (deprecated)
                || (a0 == 198 && (a1 & 0xfe) == 18) // benchmarking 198.18/15
                || (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113)) { // TEST-NET-3
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressRange ofIpv6(byte[] b) {
        if (startsWith(b, MAPPED_PREFIX) || startsWith(b, TRANSLATED_PREFIX) || startsWith(b, NAT64_PREFIX)) {
            return ofIpv4(Arrays.copyOfRange(b, 12, 16));
        }
        if (startsWith(b, COMPATIBLE_PREFIX)) {
            // ::, ::1, and the deprecated IPv4-compatible ::a.b.c.d (RFC 4291 2.5.5.1)
            boolean zeroUpTo15 = Arrays.equals(Arrays.copyOfRange(b, 12, 15), new byte[3]);
            if (zeroUpTo15 && b[15] == 0) {
                return THIS_NETWORK;
            }
            if (zeroUpTo15 && b[15] == 1) {
                return LOOPBACK;
            }
            AddressRange embedded = ofIpv4(Arrays.copyOfRange(b, 12, 16));
            return embedded == PUBLIC ? RESERVED : embedded;
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xff) {
            return MULTICAST;
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return LINK_LOCAL;
        }
        if ((b0 & 0xfe) == 0xfc || (b0 == 0xfe && (b1 & 0xc0) == 0xc0)) {
            return UNIQUE_LOCAL;
        }
        if (b0 == 0x20 && b1 == 0x02) {
            // 6to4: the IPv4 address is bytes 2..5; a 6to4 address of a refused one is refused.
            return ofIpv4(Arrays.copyOfRange(b, 2, 6));
        }
        if ((b0 & 0xe0) != 0x20) {
            return RESERVED; // outside global unicast 2000::/3 (includes 100::/64 discard, 64:ff9b:1::/48)
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xfe) == 0) {
            return RESERVED; // 2001::/23 protocol assignments: Teredo, benchmarking, ORCHID
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return RESERVED; // 2001:db8::/32 documentation
        }
        if (b0 == 0x3f && b1 == 0xff && (b[2] & 0xf0) == 0) {
            return RESERVED; // 3fff::/20 documentation (RFC 9637)
        }
        return PUBLIC;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return Arrays.equals(Arrays.copyOfRange(bytes, 0, prefix.length), prefix);
    }
}
