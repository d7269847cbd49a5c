-- Creation limits (Twilio errors 60312 and 60326) and the pending push cap. Same portable subset as
-- V1-V4: epoch-millisecond BIGINT times.

-- Pending push challenges per factor are counted on every push challenge creation:
-- WHERE factor_sid = ? AND status = 'pending' AND expires_at > ?. (Challenge creations per factor
-- are counted on challenges_by_factor (factor_sid, created_at, sid) from V1.)
CREATE INDEX challenges_pending_by_factor ON challenges (factor_sid, status, expires_at);

-- One row per factor creation, kept after the factor (and its entity) is deleted, so that
-- creating and deleting factors in a loop still counts towards the limit per identity. Rows
-- older than the longest configured window are deleted when the identity next creates a factor,
-- and with their service.
CREATE TABLE factor_creations (
    factor_sid   VARCHAR(34)  PRIMARY KEY,
    service_sid  VARCHAR(34)  NOT NULL REFERENCES services (sid) ON DELETE CASCADE,
    identity     VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL
);
CREATE INDEX factor_creations_by_identity ON factor_creations (service_sid, identity, created_at);

-- Assent's service setting Push.ReplaceOldestPendingChallenge: at the pending push cap, a new
-- challenge expires the oldest pending one instead of being refused with 429.
ALTER TABLE services ADD COLUMN push_replace_oldest_pending SMALLINT NOT NULL DEFAULT 0;
