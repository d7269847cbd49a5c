/** RFC 6238 TOTP code generation and checking, with the Base32 and otpauth URI formats authenticator apps use. */
package dev.assent.server.totp;
