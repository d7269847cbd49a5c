-- Enrollment access tokens, their signing key, and challenge notifications.
-- Same portable subset as V1: epoch-millisecond BIGINT times, TEXT documents, no dialect features.

-- Server-wide secrets every node shares, by name. A node that needs one and finds none inserts a
-- fresh random value with INSERT … ON CONFLICT (name) DO NOTHING and then reads the row back, so
-- concurrent first starts agree on one value.
CREATE TABLE signing_keys (
    name        VARCHAR(64)  PRIMARY KEY,
    secret      VARCHAR(128) NOT NULL,
    created_at  BIGINT       NOT NULL
);

-- One row per issued access token (YK…). used_at is set once, by the factor creation that consumes
-- the token, in the same transaction as the factor insert.
CREATE TABLE access_tokens (
    sid                   VARCHAR(34) PRIMARY KEY,
    account_sid           VARCHAR(34) NOT NULL,
    service_sid           VARCHAR(34) NOT NULL REFERENCES services (sid) ON DELETE CASCADE,
    identity              VARCHAR(64) NOT NULL,
    factor_type           VARCHAR(8)  NOT NULL,
    factor_friendly_name  VARCHAR(64),
    ttl                   INTEGER     NOT NULL,
    token                 TEXT        NOT NULL,
    expires_at            BIGINT      NOT NULL,
    used_at               BIGINT,
    created_at            BIGINT      NOT NULL
);
CREATE INDEX access_tokens_by_service ON access_tokens (service_sid);

-- Push notifications requested for a pending push challenge (NT…).
CREATE TABLE notifications (
    sid            VARCHAR(34) PRIMARY KEY,
    account_sid    VARCHAR(34) NOT NULL,
    service_sid    VARCHAR(34) NOT NULL,
    entity_sid     VARCHAR(34) NOT NULL,
    identity       VARCHAR(64) NOT NULL,
    challenge_sid  VARCHAR(34) NOT NULL REFERENCES challenges (sid) ON DELETE CASCADE,
    ttl            INTEGER     NOT NULL,
    created_at     BIGINT      NOT NULL
);
CREATE INDEX notifications_by_challenge ON notifications (challenge_sid, created_at, sid);
