/**
 * The HTTP edge: routing, form parsing, authentication, JSON rendering, paging and Twilio error
 * bodies. The only package that knows wire names.
 */
package dev.assent.server.http;
