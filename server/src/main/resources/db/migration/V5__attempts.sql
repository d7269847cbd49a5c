-- TOTP lockout across challenges (docs/decisions.md, "Hardening: attempts and lockout").
-- Same portable subset as V1-V4: epoch-millisecond BIGINT times; ADD COLUMN with a constant default
-- works alike in SQLite and PostgreSQL.

-- Wrong TOTP codes in a row across the factor's challenges, counted before each code is judged;
-- the lockouts since the last right code (each doubles the next); when the current one ends.
ALTER TABLE factors ADD COLUMN totp_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE factors ADD COLUMN totp_lockouts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE factors ADD COLUMN totp_locked_until BIGINT;
