package dev.assent.server.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. The outbound policy asks it once per connection and vets every
 * answer before anything connects; tests give their own to map names to loopback.
 */
@FunctionalInterface
public interface HostResolver {

    /** The system resolver. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
