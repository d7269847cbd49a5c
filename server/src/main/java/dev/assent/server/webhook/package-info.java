/**
 * The Webhook resource, the events it subscribes to, and their delivery: every event is written to a
 * durable outbox in the transaction of the state change that caused it, then POSTed, signed with
 * {@code X-Twilio-Signature}, by a background dispatcher with retries and exponential backoff.
 */
package dev.assent.server.webhook;
