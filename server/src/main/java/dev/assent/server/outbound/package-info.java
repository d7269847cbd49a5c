/**
 * The one policy every outbound HTTP call goes through (webhook deliveries, FCM sends, the OAuth
 * token call, and any future one): a URL is checked when it is written, and at send time its host is
 * resolved once, every address is vetted against {@link dev.assent.server.outbound.AddressRange}
 * and the operator's allow list, and the connection goes to exactly the vetted address. No
 * redirects, one deadline on the whole exchange, a bounded response body, and failure text coarse
 * enough that it never tells a closed port from a filtered one or echoes the peer.
 */
package dev.assent.server.outbound;
