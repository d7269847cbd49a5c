/**
 * Internals of the Assent client: HTTP transport with retries, form encoding, JSON mapping, paging and
 * client-side validation. Not a public API; anything here may change without notice.
 */
package dev.assent.client.internal;
