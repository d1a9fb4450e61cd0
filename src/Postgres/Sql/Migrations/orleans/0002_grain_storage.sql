-- Orleans ADO.NET grain storage on PostgreSQL, from the provider's contract (Orleans.Persistence.AdoNet
-- 10.4.2): it binds @ServiceId, @GrainTypeString (which is the *state name*, not the grain type),
-- @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainIdExtensionString, @GrainStateVersion
-- and @PayloadBinary, and reads PayloadBinary, Version and NewGrainStateVersion.
--
-- What the provider binds cannot identify a grain: no parameter carries the grain type (two grain
-- types with the same key and state name share a row: dotnet/orleans #8746, #9737, #11303), and a
-- string key that parses as hex (A1234AA) is bound as the number in @GrainIdN1 with no string at all,
-- so 0A1234AA binds the same values (#9706). No schema can tell such rows apart. So the storage is
-- registered through OrleansSync.Postgres.Orleans (UsePostgres), which hands the provider a grain id
-- whose key is the full grain id "type/key" (never parseable as a number or GUID); it arrives here
-- as @GrainIdExtensionString, and the hash and N0/N1 parameters are ignored.

create table orleans_grain_state (
    service_id  text not null,
    grain_type  text not null,
    grain_key   text not null,
    state_name  text not null,
    -- The ETag: starts at 1, grows by one per write or clear.
    version     int not null,
    -- The state as JSON (System.Text.Json); null once cleared, the row kept so the version goes on.
    payload     jsonb,
    updated_at  timestamptz not null default now(),
    primary key (service_id, grain_type, grain_key, state_name),
    constraint orleans_grain_state_service_not_blank check (btrim(service_id) <> ''),
    constraint orleans_grain_state_type_not_blank check (btrim(grain_type) <> ''),
    constraint orleans_grain_state_name_not_blank check (btrim(state_name) <> ''),
    constraint orleans_grain_state_version_positive check (version > 0)
);

-- Splits "type/key" (GrainId.ToString(); a grain type never contains '/'). Anything else means the
-- bare ADO.NET provider is in use, which would store colliding rows: refuse loudly.
create function orleans_grain_state_identity(p_grain_id text, out grain_type text, out grain_key text)
language plpgsql immutable as $$
begin
    if p_grain_id is null or strpos(p_grain_id, '/') < 2 then
        raise exception 'grain storage expects @GrainIdExtensionString to be the full grain id "type/key", got %', coalesce(p_grain_id, 'NULL')
            using errcode = 'invalid_parameter_value',
                  hint = 'Register grain storage with OrleansSync.Postgres.Orleans (UsePostgres), not AddAdoNetGrainStorage.';
    end if;
    grain_type := left(p_grain_id, strpos(p_grain_id, '/') - 1);
    grain_key := substr(p_grain_id, strpos(p_grain_id, '/') + 1);
end $$;

-- Writes the state if the caller's version is current: no version inserts the first row, a version
-- updates that row. Returns the new version, or null when the caller is stale (the provider then
-- throws InconsistentStateException).
create function orleans_grain_state_write(
    p_service_id text, p_grain_id text, p_state_name text, p_expected_version int, p_payload bytea)
returns int
language plpgsql as $$
declare
    id record;
    new_version int;
begin
    select * into id from orleans_grain_state_identity(p_grain_id);
    if p_expected_version is null then
        insert into orleans_grain_state (service_id, grain_type, grain_key, state_name, version, payload)
        values (p_service_id, id.grain_type, id.grain_key, p_state_name, 1, convert_from(p_payload, 'UTF8')::jsonb)
        on conflict do nothing
        returning version into new_version;
    else
        update orleans_grain_state
           set version = version + 1, payload = convert_from(p_payload, 'UTF8')::jsonb, updated_at = now()
         where service_id = p_service_id and grain_type = id.grain_type and grain_key = id.grain_key
           and state_name = p_state_name and version = p_expected_version
        returning version into new_version;
    end if;
    return new_version;
end $$;

-- ClearStateAsync: keeps the row with no payload and a new version, so a stale activation cannot
-- write over a clear with an old ETag. Null when the caller is stale.
create function orleans_grain_state_clear(
    p_service_id text, p_grain_id text, p_state_name text, p_expected_version int)
returns int
language plpgsql as $$
declare
    id record;
    new_version int;
begin
    select * into id from orleans_grain_state_identity(p_grain_id);
    update orleans_grain_state
       set version = version + 1, payload = null, updated_at = now()
     where service_id = p_service_id and grain_type = id.grain_type and grain_key = id.grain_key
       and state_name = p_state_name and version = p_expected_version
    returning version into new_version;
    return new_version;
end $$;

-- ClearStateAsync with DeleteStateOnClear: removes the row. The provider wants a non-null answer
-- different from the caller's ETag on success, hence the deleted version + 1; null when stale.
create function orleans_grain_state_delete(
    p_service_id text, p_grain_id text, p_state_name text, p_expected_version int)
returns int
language plpgsql as $$
declare
    id record;
    deleted_version int;
begin
    select * into id from orleans_grain_state_identity(p_grain_id);
    delete from orleans_grain_state
     where service_id = p_service_id and grain_type = id.grain_type and grain_key = id.grain_key
       and state_name = p_state_name and version = p_expected_version
    returning version into deleted_version;
    return deleted_version + 1;
end $$;

insert into orleansquery (querykey, querytext) values
-- The payload goes back as the UTF-8 bytes the serializer wrote (jsonb normalises whitespace and
-- key order, which JSON readers do not care about).
('ReadFromStorageKey', $q$
select convert_to(s.payload::text, 'UTF8') as "PayloadBinary", s.version as "Version"
  from orleans_grain_state_identity(@GrainIdExtensionString) id
  join orleans_grain_state s
    on s.service_id = @ServiceId and s.grain_type = id.grain_type and s.grain_key = id.grain_key
   and s.state_name = @GrainTypeString
$q$),

('WriteToStorageKey', $q$
select orleans_grain_state_write(@ServiceId, @GrainIdExtensionString, @GrainTypeString, @GrainStateVersion, @PayloadBinary) as "NewGrainStateVersion"
$q$),

('ClearStorageKey', $q$
select orleans_grain_state_clear(@ServiceId, @GrainIdExtensionString, @GrainTypeString, @GrainStateVersion)
$q$),

('DeleteStorageKey', $q$
select orleans_grain_state_delete(@ServiceId, @GrainIdExtensionString, @GrainTypeString, @GrainStateVersion)
$q$);
