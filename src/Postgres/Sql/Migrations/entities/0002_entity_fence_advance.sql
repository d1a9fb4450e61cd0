-- The fence as a function that raises instead of returning no row, so that a unit of work can send
-- its COMMIT in the same round trip as the fence: when the version is no longer the one the
-- activation read, the batch fails here, PostgreSQL skips the rest of it (COMMIT included), and
-- the transaction rolls back. SQLSTATE OSF01 names the conflict for the caller.
create function entity_fence_advance(p_grain_type text, p_grain_key text, p_read_version bigint)
returns bigint
language plpgsql as $$
declare
    advanced bigint;
begin
    insert into entity_fence (grain_type, grain_key, version) values (p_grain_type, p_grain_key, 1)
    on conflict (grain_type, grain_key) do update set version = entity_fence.version + 1
    where entity_fence.version = p_read_version
    returning version into advanced;
    if advanced is null then
        raise exception using
            errcode = 'OSF01',
            message = format('%s/%s: another activation committed since this one read version %s', p_grain_type, p_grain_key, p_read_version);
    end if;
    return advanced;
end
$$;
