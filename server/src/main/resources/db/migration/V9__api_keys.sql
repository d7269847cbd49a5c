-- API keys (SK…): credentials an account issues beside its auth token. Only the SHA-256 of the secret
-- is kept, as 64 lowercase hex digits; the secret itself is shown once, at creation, and never stored.
-- Same portable subset as V1: epoch-millisecond BIGINT times, no dialect features.
CREATE TABLE api_keys (
    sid            VARCHAR(34) PRIMARY KEY,
    account_sid    VARCHAR(34) NOT NULL REFERENCES accounts (sid) ON DELETE CASCADE,
    friendly_name  VARCHAR(64),
    secret_sha256  VARCHAR(64) NOT NULL,
    created_at     BIGINT      NOT NULL,
    updated_at     BIGINT      NOT NULL
);
CREATE INDEX api_keys_by_account ON api_keys (account_sid, created_at, sid);
