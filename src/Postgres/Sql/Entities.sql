-- name: ReadVersion
select version from entity_fence where grain_type = $1 and grain_key = $2;

-- name: AdvanceVersion
-- Returns the new version; raises OSF01 when another activation committed since this one read.
select entity_fence_advance($1, $2, $3);
