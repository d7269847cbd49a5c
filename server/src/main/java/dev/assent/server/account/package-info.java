/**
 * Accounts: the tenants of Assent, their SIDs, their primary and secondary auth tokens (rotation), and
 * whether an operator has disabled them.
 */
package dev.assent.server.account;
