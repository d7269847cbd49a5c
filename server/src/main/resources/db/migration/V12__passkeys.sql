-- Passkeys (dev.assent.server.passkey): the service's relying party settings, the passkeys factor's
-- credential and open registration, and login challenges. Same portable subset as V1: nullable
-- columns both SQLite and PostgreSQL add without a table rewrite, epoch-millisecond BIGINT times.
-- Credential ids and public keys are public (WebAuthn §13.4.5): nothing here is sealed.

-- The service's Passkeys.* settings; NULL when unset. Origins are comma-separated, as sent.
ALTER TABLE services ADD COLUMN passkeys_rp_id VARCHAR(253);
ALTER TABLE services ADD COLUMN passkeys_rp_name VARCHAR(64);
ALTER TABLE services ADD COLUMN passkeys_origins TEXT;
ALTER TABLE services ADD COLUMN passkeys_authenticator_attachment VARCHAR(16);
ALTER TABLE services ADD COLUMN passkeys_discoverable_credentials VARCHAR(16);
ALTER TABLE services ADD COLUMN passkeys_user_verification VARCHAR(16);

-- A passkeys factor (factor_type 'passkeys'): its resolved settings and credential as one JSON
-- document, and apart from it the columns looked up or changed by conditional writes: the
-- credential id (base64url), the signature counter, and the open registration's challenge and deadline.
ALTER TABLE factors ADD COLUMN passkey TEXT;
ALTER TABLE factors ADD COLUMN passkey_credential_id VARCHAR(1400);
ALTER TABLE factors ADD COLUMN passkey_sign_count BIGINT;
ALTER TABLE factors ADD COLUMN passkey_challenge VARCHAR(64);
ALTER TABLE factors ADD COLUMN passkey_challenge_expires_at BIGINT;
-- A credential is registered once per service (NULLs, the other factor types, do not collide).
CREATE UNIQUE INDEX factors_passkey_credential ON factors (service_sid, passkey_credential_id);
CREATE UNIQUE INDEX factors_passkey_challenge ON factors (passkey_challenge);

-- Login challenges. A discoverable one has no entity, identity or factor until it is approved;
-- approval fills them in and copies the challenge into challenges (status approved), where the
-- ordinary challenge fetch and list show it.
CREATE TABLE passkey_challenges (
    sid                VARCHAR(34)  PRIMARY KEY,
    account_sid        VARCHAR(34)  NOT NULL,
    service_sid        VARCHAR(34)  NOT NULL REFERENCES services (sid) ON DELETE CASCADE,
    entity_sid         VARCHAR(34)  REFERENCES entities (sid) ON DELETE CASCADE,
    identity           VARCHAR(64),
    factor_sid         VARCHAR(34)  REFERENCES factors (sid) ON DELETE CASCADE,
    challenge          VARCHAR(64)  NOT NULL UNIQUE,
    rp_id              VARCHAR(253) NOT NULL,
    user_verification  VARCHAR(16)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    expires_at         BIGINT       NOT NULL,
    responded_at       BIGINT,
    created_at         BIGINT       NOT NULL,
    updated_at         BIGINT       NOT NULL
);
-- Creation limits: per identity, and per service for the discoverable ones (identity NULL).
CREATE INDEX passkey_challenges_by_identity ON passkey_challenges (service_sid, identity, created_at);
CREATE INDEX passkey_challenges_by_expiry ON passkey_challenges (service_sid, expires_at);
