-- Indexes for the retention job (dev.assent.server.retention): each of its bounded deletes finds
-- the rows past their retention period by a range scan instead of reading the whole table.
-- Same portable subset as V1: plain single-table indexes both SQLite and PostgreSQL accept.

-- Challenges end when answered (responded_at) or at their deadline (expires_at); the delete reads
-- both, one index each (SQLite plans the OR as a MULTI-INDEX OR, PostgreSQL as a BitmapOr).
CREATE INDEX challenges_ended_by_deadline ON challenges (expires_at);
CREATE INDEX challenges_ended_by_answer ON challenges (responded_at);

-- Finished push jobs and webhook deliveries, by when they finished.
CREATE INDEX push_jobs_by_update ON push_jobs (updated_at);
CREATE INDEX webhook_deliveries_by_update ON webhook_deliveries (updated_at);

-- Spent access tokens: expired, or used.
CREATE INDEX access_tokens_by_expiry ON access_tokens (expires_at);
CREATE INDEX access_tokens_by_use ON access_tokens (used_at);

-- Factors still unverified, by age.
CREATE INDEX factors_by_status_age ON factors (status, created_at);
