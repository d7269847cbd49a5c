/**
 * API keys (Twilio's {@code SK…} keys): credentials an account issues for its backends beside the auth
 * token. The records, the rules (the secret is shown once and stored only as its SHA-256), and the
 * {@code ApiKeyStore} the storage package implements.
 */
package dev.assent.server.apikey;
