package dev.assent.server.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a URL host as an address literal without ever asking DNS. {@link InetAddress#getByName}
 * falls back to a DNS query for any text it does not take as a literal (and takes some odd forms,
 * such as {@code 2130706433}, as one), so hosts are sorted here first: bracketed IPv6 is parsed as
 * IPv6 only, a canonical dotted quad is decoded byte by byte, and a host that ends in a number
 * without being a canonical dotted quad ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1},
 * {@code 127.1}) is no name at all: URL parsers disagree on what those mean, so they are refused.
 */
final class HostLiterals {

    private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(" + OCTET + ")\\.(" + OCTET + ")\\.(" + OCTET + ")\\.(" + OCTET + ")");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

    private HostLiterals() {
    }

    /** The address {@code host} spells (IPv6 with or without brackets, or a dotted quad), else empty. */
    static Optional<InetAddress> literal(String host) {
        if (host.isEmpty() || host.indexOf('%') >= 0) {
            return Optional.empty(); // no zone ids: a scoped address is link-local anyway
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.indexOf(':') >= 0) {
            try {
                // Brackets make the JDK parse IPv6 or fail; it never resolves a bracketed host.
                return Optional.of(InetAddress.getByName("[" + bare + "]"));
            } catch (UnknownHostException | RuntimeException e) {
                return Optional.empty();
            }
        }
        if (!DOTTED_QUAD.matcher(bare).matches()) {
            return Optional.empty();
        }
        String[] parts = bare.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes always make an address", e);
        }
    }

    /**
     * Whether {@code host} is a numeric IPv4 form (WHATWG URL: its last label is a number), so
     * that it must be a literal, never a name to resolve.
     */
    static boolean endsInNumber(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        return !last.isEmpty() && NUMERIC_LABEL.matcher(last).matches();
    }

    /** RFC 6761: {@code localhost} and every name under it are loopback, whatever DNS says. */
    static boolean isLocalhostName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        h = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        return h.equals("localhost") || h.endsWith(".localhost");
    }
}
