/**
 * Readiness: whether this process can serve (its database answers, its schema is the one it ships,
 * its background workers run). The HTTP probes that report it live in {@code http}.
 */
package dev.assent.server.health;
