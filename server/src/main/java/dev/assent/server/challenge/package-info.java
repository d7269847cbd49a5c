/** The Challenge resource: its state machine, expiry, and answers by TOTP code or device signature. */
package dev.assent.server.challenge;
