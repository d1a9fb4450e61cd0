-- name: ReadVersion
select version from entity_fence where grain_type = $1 and grain_key = $2;

-- name: AdvanceVersion
-- Returns the new version, or no row when another activation committed since this one read.
insert into entity_fence (grain_type, grain_key, version) values ($1, $2, 1)
on conflict (grain_type, grain_key) do update set version = entity_fence.version + 1
where entity_fence.version = $3
returning version;
