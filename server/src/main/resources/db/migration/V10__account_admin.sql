-- Auth-token rotation and account administration (dev.assent.server.account).
-- Same portable subset as V1: nullable columns both SQLite and PostgreSQL add without a table rewrite.

-- The secondary auth token (Twilio's SecondaryAuthToken): accepted beside auth_token until it is
-- promoted (it then replaces auth_token) or deleted. NULL when the account has none.
ALTER TABLE accounts ADD COLUMN secondary_auth_token TEXT;

-- When an operator disabled the account; NULL while it is active. A disabled account is refused
-- with every credential and its push jobs and webhook deliveries are not leased.
ALTER TABLE accounts ADD COLUMN disabled_at BIGINT;
