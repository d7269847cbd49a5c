/**
 * TLS on the HTTP listener: the PEM certificate chain and private key named by {@code ASSENT_TLS_CERT}
 * and {@code ASSENT_TLS_KEY}, checked before the port opens and reloaded when the files change.
 */
package dev.assent.server.tls;
