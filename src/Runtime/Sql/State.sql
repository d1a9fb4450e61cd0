-- name: ReadState
select data::text, version from rt_grain_state where grain_type = $1 and grain_key = $2 and state_name = $3;

-- name: InsertState
insert into rt_grain_state (grain_type, grain_key, state_name, partition, data, version)
values ($1, $2, $3, $4, $5::jsonb, 1)
on conflict (grain_type, grain_key, state_name) do nothing;

-- name: UpdateState
update rt_grain_state set data = $5::jsonb, version = version + 1, updated_at = now()
where grain_type = $1 and grain_key = $2 and state_name = $3 and version = $6;

-- name: DeleteState
delete from rt_grain_state where grain_type = $1 and grain_key = $2 and state_name = $3 and version = $4;
