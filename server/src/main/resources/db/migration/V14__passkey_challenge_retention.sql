-- Ended passkeys logins go with the retention job (dev.assent.server.retention, Expirable.PASSKEY_CHALLENGES)
-- under the challenges' period: the same two single-column indexes V7 gives challenges, so each bounded
-- delete is a range scan (approved: responded_at; expired: expires_at).
CREATE INDEX passkey_challenges_ended_by_deadline ON passkey_challenges (expires_at);
CREATE INDEX passkey_challenges_ended_by_answer ON passkey_challenges (responded_at);
-- (service_sid, expires_at) served only the delete each login creation made of its service's rows expired
-- a day; that delete is gone, so is its index.
DROP INDEX passkey_challenges_by_expiry;
