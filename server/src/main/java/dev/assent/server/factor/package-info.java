/** The Factor resource: push and TOTP factors, their bindings, verification and limits. */
package dev.assent.server.factor;
