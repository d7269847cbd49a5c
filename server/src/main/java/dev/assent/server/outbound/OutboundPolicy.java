package dev.assent.server.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Decides which URLs and addresses an outbound call may reach: public addresses over {@code https},
 * plus what the operator allows ({@link OutboundSettings}). It is asked twice: when a URL is written
 * ({@link #problem(URI)}: syntax and address literals, nothing resolved) and at send time, when
 * {@link #addresses(String)} resolves a name once and vets every answer; the connection then goes
 * to those addresses and no others.
 */
public final class OutboundPolicy {

    private final OutboundSettings settings;

    public OutboundPolicy(OutboundSettings settings) {
        this.settings = settings;
    }

    public OutboundSettings settings() {
        return settings;
    }

    /**
     * Why {@code url} may not be called, or empty if it may (as far as can be told without
     * resolving its host: names are vetted at send time). Checks the scheme, user info, port, and
     * any address literal, as both {@link URI} and OkHttp's {@link HttpUrl} read the host, so the
     * two parsers cannot disagree about what is called.
     */
    public Optional<String> problem(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (scheme.equals("http") && !settings.allowHttp()) {
            return Optional.of("must be an https URL (this server does not call plain http)");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("must not contain user info");
        }
        if (url.getHost() == null) {
            return Optional.of("must have a valid host");
        }
        if (url.getPort() != -1 && (url.getPort() < 1 || url.getPort() > 65535)) {
            return Optional.of("must have a port from 1 to 65535");
        }
        HttpUrl parsed = HttpUrl.parse(url.toString());
        if (parsed == null || !parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            return Optional.of("must be a valid http or https URL");
        }
        return hostProblem(url.getHost()).or(() -> hostProblem(parsed.host()));
    }

    private Optional<String> hostProblem(String host) {
        Optional<InetAddress> literal = HostLiterals.literal(host);
        if (literal.isPresent()) {
            return permits(literal.get()) ? Optional.empty() : Optional.of(refusedAddress());
        }
        if (HostLiterals.endsInNumber(host)) {
            return Optional.of("must write an IPv4 address as four decimal numbers (a.b.c.d)");
        }
        if (HostLiterals.isLocalhostName(host)) {
            return permits(HostLiterals.literal("127.0.0.1").orElseThrow()) ? Optional.empty() : Optional.of(refusedAddress());
        }
        return Optional.empty();
    }

    private static String refusedAddress() {
        return "must not point at a loopback, private, link-local or reserved address";
    }

    /** Whether a connection to {@code address} is allowed: public, or in the operator's allow list. */
    public boolean permits(InetAddress address) {
        InetAddress canonical = AddressRange.canonical(address);
        for (Cidr block : settings.allow()) {
            if (block.contains(canonical)) {
                return true;
            }
        }
        return AddressRange.of(canonical) == AddressRange.PUBLIC;
    }

    /**
     * The addresses a connection to {@code host} may use: the literal it spells, 127.0.0.1 for a
     * {@code localhost} name, or what the resolver answers, every one of them vetted. A name with any refused answer is refused whole, so a
     * mixed answer cannot smuggle a private address past a retry.
     *
     * @throws OutboundRefusedException when the host or any of its addresses is refused
     * @throws UnknownHostException     when the name does not resolve
     */
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        Optional<InetAddress> literal = HostLiterals.literal(host);
        if (literal.isPresent()) {
            if (!permits(literal.get())) {
                throw new OutboundRefusedException();
            }
            return List.of(AddressRange.canonical(literal.get()));
        }
        if (HostLiterals.endsInNumber(host)) {
            throw new OutboundRefusedException();
        }
        // RFC 6761: localhost names are loopback, and are not asked of DNS.
        List<InetAddress> answers = HostLiterals.isLocalhostName(host)
                ? List.of(HostLiterals.literal("127.0.0.1").orElseThrow())
                : settings.resolver().resolve(host);
        if (answers.isEmpty()) {
            throw new UnknownHostException("no addresses");
        }
        List<InetAddress> vetted = new ArrayList<>();
        for (InetAddress answer : answers) {
            if (!permits(answer)) {
                throw new OutboundRefusedException();
            }
            // Address only, no name: the JDK never resolves an address made from bytes again.
            vetted.add(InetAddress.getByAddress(host, AddressRange.canonical(answer).getAddress()));
        }
        return List.copyOf(vetted);
    }
}
