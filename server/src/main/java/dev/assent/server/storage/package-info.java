/** SQL implementations of the feature stores for SQLite and PostgreSQL, and the migrations they share. */
package dev.assent.server.storage;
