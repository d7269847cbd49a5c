-- One schema for SQLite and PostgreSQL: only types and syntax both accept.
-- Times are epoch milliseconds (BIGINT); booleans are SMALLINT 0/1; JSON documents are TEXT.

CREATE TABLE accounts (
    sid          VARCHAR(34)  PRIMARY KEY,
    auth_token   VARCHAR(128) NOT NULL,
    created_at   BIGINT       NOT NULL
);

CREATE TABLE services (
    sid                      VARCHAR(34)  PRIMARY KEY,
    account_sid              VARCHAR(34)  NOT NULL REFERENCES accounts (sid) ON DELETE CASCADE,
    friendly_name            VARCHAR(64)  NOT NULL,
    push_include_date        SMALLINT     NOT NULL,
    push_apn_credential_sid  VARCHAR(34),
    push_fcm_credential_sid  VARCHAR(34),
    totp_issuer              VARCHAR(255),
    totp_time_step           INTEGER,
    totp_code_length         INTEGER,
    totp_skew                INTEGER,
    created_at               BIGINT       NOT NULL,
    updated_at               BIGINT       NOT NULL
);
CREATE INDEX services_by_account ON services (account_sid, created_at, sid);

CREATE TABLE entities (
    sid          VARCHAR(34) PRIMARY KEY,
    account_sid  VARCHAR(34) NOT NULL,
    service_sid  VARCHAR(34) NOT NULL REFERENCES services (sid) ON DELETE CASCADE,
    identity     VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    updated_at   BIGINT      NOT NULL,
    CONSTRAINT entities_identity_unique UNIQUE (service_sid, identity)
);
CREATE INDEX entities_by_service ON entities (service_sid, created_at, sid);

CREATE TABLE factors (
    sid                    VARCHAR(34)  PRIMARY KEY,
    account_sid            VARCHAR(34)  NOT NULL,
    service_sid            VARCHAR(34)  NOT NULL,
    entity_sid             VARCHAR(34)  NOT NULL REFERENCES entities (sid) ON DELETE CASCADE,
    identity               VARCHAR(64)  NOT NULL,
    friendly_name          VARCHAR(64)  NOT NULL,
    factor_type            VARCHAR(8)   NOT NULL,
    status                 VARCHAR(16)  NOT NULL,
    failed_attempts        INTEGER      NOT NULL,
    metadata               TEXT,
    -- push
    public_key             TEXT,
    credential_sid         VARCHAR(34)  UNIQUE,
    app_id                 VARCHAR(100),
    sdk_version            VARCHAR(64),
    notification_platform  VARCHAR(8),
    notification_token     VARCHAR(255),
    -- totp
    totp_secret            VARCHAR(128),
    totp_alg               VARCHAR(8),
    totp_code_length       INTEGER,
    totp_time_step         INTEGER,
    totp_skew              INTEGER,
    totp_last_counter      BIGINT,
    created_at             BIGINT       NOT NULL,
    updated_at             BIGINT       NOT NULL
);
CREATE INDEX factors_by_entity ON factors (entity_sid, created_at, sid);

CREATE TABLE challenges (
    sid               VARCHAR(34) PRIMARY KEY,
    account_sid       VARCHAR(34) NOT NULL,
    service_sid       VARCHAR(34) NOT NULL,
    entity_sid        VARCHAR(34) NOT NULL REFERENCES entities (sid) ON DELETE CASCADE,
    identity          VARCHAR(64) NOT NULL,
    factor_sid        VARCHAR(34) NOT NULL REFERENCES factors (sid) ON DELETE CASCADE,
    factor_type       VARCHAR(8)  NOT NULL,
    status            VARCHAR(16) NOT NULL,
    responded_reason  VARCHAR(16) NOT NULL,
    details_message   TEXT,
    details_fields    TEXT        NOT NULL,
    details_date      BIGINT,
    hidden_details    TEXT,
    metadata          TEXT,
    failed_attempts   INTEGER     NOT NULL,
    expires_at        BIGINT      NOT NULL,
    responded_at      BIGINT,
    created_at        BIGINT      NOT NULL,
    updated_at        BIGINT      NOT NULL
);
CREATE INDEX challenges_by_entity ON challenges (entity_sid, created_at, sid);
CREATE INDEX challenges_by_factor ON challenges (factor_sid, created_at, sid);
