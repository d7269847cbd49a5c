/**
 * Secrets at rest: the operator's encryption keys ({@link dev.assent.server.secrets.EncryptionKeys}) and
 * the one sealing API ({@link dev.assent.server.secrets.SecretSealer}) the storage layer seals every
 * stored secret with (AES-256-GCM, a key id in each ciphertext, associated data binding it to its row).
 */
package dev.assent.server.secrets;
