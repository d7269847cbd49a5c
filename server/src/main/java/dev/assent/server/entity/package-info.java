/** The Entity resource: a service's end users, keyed by identity. */
package dev.assent.server.entity;
