-- Every secret is stored sealed ($v1$<key id>$<base64 nonce, ciphertext, tag>): a 128-character
-- auth token or TOTP seed no longer fits VARCHAR(128). SQLite does not enforce VARCHAR lengths, and
-- cannot alter a column's type, so these statements run on PostgreSQL only (Database sets the
-- placeholder). The plaintext rows of an older database are sealed by the server on its first start
-- with keys (SealedSecrets), not here: a migration has no keys.
${postgresql_only}ALTER TABLE accounts ALTER COLUMN auth_token TYPE TEXT;
${postgresql_only}ALTER TABLE factors ALTER COLUMN totp_secret TYPE TEXT;
${postgresql_only}ALTER TABLE signing_keys ALTER COLUMN secret TYPE TEXT;
