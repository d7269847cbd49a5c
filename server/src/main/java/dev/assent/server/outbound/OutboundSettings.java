package dev.assent.server.outbound;

import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;

/**
 * What the outbound policy lets through besides public addresses over {@code https}.
 *
 * @param allow     address blocks reachable despite being loopback, private or otherwise refused
 *                  ({@code ASSENT_OUTBOUND_ALLOW}, comma-separated CIDRs)
 * @param allowHttp whether plain {@code http} URLs are allowed ({@code ASSENT_OUTBOUND_ALLOW_HTTP})
 * @param resolver  how host names become addresses (the system resolver; tests map names to loopback)
 */
public record OutboundSettings(List<Cidr> allow, boolean allowHttp, HostResolver resolver) {

    public static final String ALLOW_VARIABLE = "ASSENT_OUTBOUND_ALLOW";
    public static final String ALLOW_HTTP_VARIABLE = "ASSENT_OUTBOUND_ALLOW_HTTP";

    /** {@code serve}: public addresses only, over https. */
    public static final OutboundSettings STRICT = new OutboundSettings(List.of(), false, HostResolver.SYSTEM);

    /** {@code dev}: also this machine (a developer's webhook receiver is usually on it), and plain http. */
    public static final OutboundSettings DEV = new OutboundSettings(
            List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")), true, HostResolver.SYSTEM);

    public OutboundSettings {
        allow = List.copyOf(allow);
        Objects.requireNonNull(resolver);
    }

    /**
     * Reads {@code ASSENT_OUTBOUND_ALLOW} and {@code ASSENT_OUTBOUND_ALLOW_HTTP} over the defaults of
     * {@code serve} ({@link #STRICT}) or {@code dev} ({@link #DEV}); a variable that is set replaces
     * the default (an empty allow list makes {@code dev} strict).
     *
     * @throws IllegalArgumentException naming the variable and its value, for a bad value
     */
    public static OutboundSettings fromEnvironment(Map<String, String> env, boolean dev) {
        return from(ConfigSource.of(env), dev);
    }

    /** As {@link #fromEnvironment}, from the loaded configuration. */
    public static OutboundSettings from(ConfigSource config, boolean dev) {
        OutboundSettings defaults = dev ? DEV : STRICT;
        List<Cidr> allow = defaults.allow();
        Optional<String> allowText = config.raw(ConfigKey.OUTBOUND_ALLOW);
        if (allowText.isPresent()) {
            allow = new ArrayList<>();
            for (String part : allowText.get().split(",", -1)) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    allow.add(Cidr.parse(part));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(ALLOW_VARIABLE + "='" + allowText.get() + "': " + e.getMessage());
                }
            }
        }
        boolean allowHttp = config.bool(ConfigKey.OUTBOUND_ALLOW_HTTP, defaults.allowHttp());
        return new OutboundSettings(allow, allowHttp, defaults.resolver());
    }

    public OutboundSettings withAllow(List<Cidr> value) {
        return new OutboundSettings(value, allowHttp, resolver);
    }

    public OutboundSettings withAllowHttp(boolean value) {
        return new OutboundSettings(allow, value, resolver);
    }

    public OutboundSettings withResolver(HostResolver value) {
        return new OutboundSettings(allow, allowHttp, value);
    }

    /** For the startup log: no secrets here, but the resolver is no setting. */
    public String summary() {
        return "allow=" + allow + ", allowHttp=" + allowHttp;
    }
}
