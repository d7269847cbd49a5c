-- Keyset paging of the challenge list (dev.assent.server.storage.Keyset) for every filter: each
-- combination of entity, factor and status is an equality prefix of one index whose remaining columns
-- are the list order (created_at, sid), so a page, first or deep, ASC or DESC, is one index range of
-- page size + 1 entries: no full scan, no sort of the entity's rows. Same portable subset as V1:
-- plain multi-column indexes both SQLite and PostgreSQL accept. (The unfiltered list uses
-- challenges_by_entity from V1.)
CREATE INDEX challenges_by_entity_status ON challenges (entity_sid, status, created_at, sid);
CREATE INDEX challenges_by_entity_factor ON challenges (entity_sid, factor_sid, created_at, sid);
CREATE INDEX challenges_by_entity_factor_status ON challenges (entity_sid, factor_sid, status, created_at, sid);

-- From now on the expiry sweep writes status 'expired' (with updated_at at the deadline, which is how
-- a due pending challenge has always read) when it emits challenge.expired, so that the stored
-- 'pending' rows are only the live ones plus the sweep's backlog, and Status=pending (and the pending
-- half of Status=expired) reads a short index range instead of every expired challenge of the entity.
-- Rows the sweep already handled become 'expired' here. The sweep marks expiry_emitted_at at its own
-- now, after the deadline; V3 set expiry_emitted_at = expires_at for every challenge then pending,
-- live or not, so those (equal times) are left pending: a stored pending row past its deadline still
-- reads and filters as expired, it is only not on the shortcut.
UPDATE challenges SET status = 'expired', updated_at = expires_at
    WHERE status = 'pending' AND expiry_emitted_at IS NOT NULL AND expiry_emitted_at > expires_at;
