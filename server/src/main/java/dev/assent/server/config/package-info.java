/** Server configuration: one record tree, read from flags and the environment, validated before start. */
package dev.assent.server.config;
