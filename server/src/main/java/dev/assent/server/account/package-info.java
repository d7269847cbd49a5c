/** Accounts: the tenants of Assent, their SIDs and auth tokens. */
package dev.assent.server.account;
