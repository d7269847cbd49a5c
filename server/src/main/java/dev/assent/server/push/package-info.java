/**
 * Push delivery through APNs (Pushy, HTTP/2) and FCM (HTTP v1 API): the {@link dev.assent.server.push.PushSender}
 * interface with its two senders, and the durable outbox worker that claims push jobs with leases,
 * sends them, retries with backoff, and marks unregistered device tokens.
 */
package dev.assent.server.push;
