/**
 * The developer console at {@code /console}: static HTML, CSS and JavaScript served from the classpath
 * (folder {@code console/}), on in dev mode and off in {@code serve} unless asked for. The page holds no
 * privilege of its own: it calls the public {@code /v2} API with the account credentials the user types
 * in, and acts as a push device with ECDSA keys that WebCrypto keeps in the browser.
 */
package dev.assent.server.console;
