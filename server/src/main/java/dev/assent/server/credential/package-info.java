/**
 * The Credentials resource ({@code /v1/Credentials}, as Twilio's): an account's APNs and FCM push
 * credentials (CR…), which Verify Services name in {@code Push.ApnCredentialSid} and
 * {@code Push.FcmCredentialSid}. Secret material is write-only: never rendered, never logged.
 */
package dev.assent.server.credential;
