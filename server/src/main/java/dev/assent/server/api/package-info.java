/** The error catalogue and the exception domain code throws; rendering lives in the http package. */
package dev.assent.server.api;
