/**
 * The AccessToken resource: single-use enrollment tokens a backend issues so that a push device can
 * create its own factor ({@code docs/push-protocol.md} §2.2), their HS256 compact JWS
 * format, and the signing key every node shares.
 */
package dev.assent.server.accesstoken;
