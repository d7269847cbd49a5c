/** The Verify Service resource and its push and TOTP settings. */
package dev.assent.server.service;
