/**
 * A small typed client for the Assent server and the Twilio Verify v2 push and TOTP API: build an
 * {@link dev.assent.client.AssentClient}, then use its per-resource APIs such as
 * {@link dev.assent.client.ChallengesApi}. Only this package is public API; {@code internal} is not.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api">Twilio Verify API</a>
 */
package dev.assent.client;
