/**
 * The server's meters (Micrometer, exposed in the Prometheus format on {@code /metrics}): the only
 * package that knows Micrometer. The features report through small interfaces they own.
 */
package dev.assent.server.metrics;
