-- challenges_by_entity_factor (entity_sid, factor_sid, created_at, sid) from V11 is redundant: a factor
-- belongs to one entity, so the factor-only list reads challenges_by_factor (factor_sid, created_at, sid)
-- from V1 once it has checked, in one row read of factors, that the factor is the entity's. Each index
-- on challenges costs every create; this one cost about a tenth of a create's server CPU on SQLite
-- (docs/decisions.md, "The factor-only challenge list reads challenges_by_factor").
DROP INDEX challenges_by_entity_factor;
