-- Webhooks (YW…), their durable outbox of deliveries, and the marker of emitted challenge expiries.
-- Same portable subset as V1: epoch-millisecond BIGINT times, TEXT documents, no dialect features.

CREATE TABLE webhooks (
    sid            VARCHAR(34)  PRIMARY KEY,
    account_sid    VARCHAR(34)  NOT NULL,
    service_sid    VARCHAR(34)  NOT NULL REFERENCES services (sid) ON DELETE CASCADE,
    friendly_name  VARCHAR(64)  NOT NULL,
    event_types    TEXT         NOT NULL,
    status         VARCHAR(8)   NOT NULL,
    version        VARCHAR(2)   NOT NULL,
    webhook_url    TEXT         NOT NULL,
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL
);
CREATE INDEX webhooks_by_service ON webhooks (service_sid, created_at, sid);

-- The outbox: one row per (event, webhook), written in the transaction of the state change that
-- caused the event. sid is the delivery's own id; event_id (the body's uuid and the
-- I-Twilio-Idempotency-Token) is shared by the deliveries of one event. A delivery is due while
-- status = 'pending', next_attempt_at has passed, nobody holds its lease (leased_until), and no
-- earlier (lower seq) pending delivery of the same subject (challenge or factor) to the same
-- webhook exists: that keeps each subject's events in order.
CREATE TABLE webhook_deliveries (
    sid              VARCHAR(36)  PRIMARY KEY,
    event_id         VARCHAR(36)  NOT NULL,
    event_type       VARCHAR(32)  NOT NULL,
    account_sid      VARCHAR(34)  NOT NULL,
    service_sid      VARCHAR(34)  NOT NULL,
    webhook_sid      VARCHAR(34)  NOT NULL REFERENCES webhooks (sid) ON DELETE CASCADE,
    subject_sid      VARCHAR(34)  NOT NULL,
    seq              INTEGER      NOT NULL,
    url              TEXT         NOT NULL,
    body             TEXT         NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    next_attempt_at  BIGINT       NOT NULL,
    leased_until     BIGINT,
    last_error       TEXT,
    delivered_at     BIGINT,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    CONSTRAINT webhook_deliveries_order UNIQUE (webhook_sid, subject_sid, seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_sid, created_at, sid);

-- Set once, by the expiry sweep, when challenge.expired was emitted for a pending challenge past its
-- deadline. Challenges pending before this migration count as handled: no webhook existed then.
ALTER TABLE challenges ADD COLUMN expiry_emitted_at BIGINT;
UPDATE challenges SET expiry_emitted_at = expires_at WHERE status = 'pending';
CREATE INDEX challenges_expiry_due ON challenges (status, expiry_emitted_at, expires_at);
