-- Push credentials (CR…), the durable push outbox, and the unregistered-token mark on factors.
-- Same portable subset as V1/V2: epoch-millisecond BIGINT times, SMALLINT booleans, TEXT documents.

-- An account's APNs or FCM credential. secret is a JSON document with the key material (a PEM
-- certificate and key, a .p8 signing key with its key and team ids, or an FCM service-account
-- JSON); it is never rendered by the API nor logged.
CREATE TABLE credentials (
    sid            VARCHAR(34)  PRIMARY KEY,
    account_sid    VARCHAR(34)  NOT NULL,
    friendly_name  VARCHAR(64),
    type           VARCHAR(8)   NOT NULL,
    sandbox        SMALLINT     NOT NULL,
    secret         TEXT         NOT NULL,
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL
);
CREATE INDEX credentials_by_account ON credentials (account_sid, created_at, sid);

-- Set to 'unregistered' when APNs or FCM reports the factor's token as no longer valid; a factor
-- update that changes the token clears it (JdbcFactorStore.update).
ALTER TABLE factors ADD COLUMN notification_token_status VARCHAR(16);

-- One push to send, written in the transaction that creates the challenge or notification. Workers
-- on any node claim due jobs with a conditional UPDATE that takes a lease (lease_owner,
-- lease_until); a node that dies mid-send leaves a lease that expires, and another node retries.
-- status: pending -> sent | unregistered | rejected | expired | skipped.
CREATE TABLE push_jobs (
    id                VARCHAR(36)  PRIMARY KEY,
    account_sid       VARCHAR(34)  NOT NULL,
    service_sid       VARCHAR(34)  NOT NULL,
    entity_sid        VARCHAR(34)  NOT NULL,
    challenge_sid     VARCHAR(34)  NOT NULL REFERENCES challenges (sid) ON DELETE CASCADE,
    factor_sid        VARCHAR(34)  NOT NULL,
    notification_sid  VARCHAR(34),
    expires_at        BIGINT       NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    attempts          INTEGER      NOT NULL,
    next_attempt_at   BIGINT       NOT NULL,
    lease_owner       VARCHAR(64),
    lease_until       BIGINT,
    last_error        VARCHAR(255),
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL
);
CREATE INDEX push_jobs_due ON push_jobs (status, next_attempt_at);
CREATE INDEX push_jobs_by_challenge ON push_jobs (challenge_sid);
