-- Orleans ADO.NET clustering on PostgreSQL, written from the provider's query contract
-- (Orleans.Clustering.AdoNet 10.4.2): the query keys it looks up, the parameters it binds
-- (@DeploymentId = ClusterOptions.ClusterId, @Address/@Port/@Generation = the silo address, ...)
-- and the columns it reads (aliased below to the exact names it asks for).

-- Every ADO.NET provider loads its SQL with "SELECT QueryKey, QueryText FROM OrleansQuery"; the
-- names are unquoted there, so PostgreSQL folds them to lower case and so must this table.
create table orleansquery (
    querykey  text primary key,
    querytext text not null,
    constraint orleansquery_querykey_not_blank check (btrim(querykey) <> ''),
    constraint orleansquery_querytext_not_blank check (btrim(querytext) <> '')
);

-- One row per cluster: the membership table's version. Every membership change (insert or update
-- of a silo row) must move it from the version the silo read to the next one, in the same
-- transaction; that is the optimistic concurrency the membership protocol relies on.
create table orleans_membership_version (
    deployment_id text primary key,
    version       int not null default 0,
    updated_at    timestamptz not null default now(),
    constraint orleans_membership_version_deployment_not_blank check (btrim(deployment_id) <> ''),
    constraint orleans_membership_version_not_negative check (version >= 0)
);

-- One row per silo incarnation (address, port, generation). Rows of a cluster go with its version
-- row (DeleteMembershipTableEntries deletes that one row).
create table orleans_membership (
    deployment_id   text not null references orleans_membership_version (deployment_id) on delete cascade,
    address         text not null,
    port            int not null,
    generation      int not null,
    silo_name       text not null,
    host_name       text not null,
    status          int not null,
    proxy_port      int not null default 0,
    suspect_times   text,
    start_time      timestamptz not null,
    i_am_alive_time timestamptz not null,
    primary key (deployment_id, address, port, generation),
    -- The provider binds the address as a string and parses it back with IPAddress.Parse.
    constraint orleans_membership_address_is_ip check (address::inet is not null),
    constraint orleans_membership_port_range check (port between 1 and 65535),
    -- 0 means "not a gateway"; the gateway query skips those rows.
    constraint orleans_membership_proxy_port_range check (proxy_port between 0 and 65535),
    -- Orleans.Runtime.SiloStatus: None 0, Created 1, Joining 2, Active 3, ShuttingDown 4, Stopping 5, Dead 6.
    constraint orleans_membership_status_known check (status between 0 and 6)
);

-- Inserts a silo row and moves the table version on by one, both or neither. @Version is the ETag of
-- the version the silo read (TableVersion.Next() keeps the old ETag), so it must still be current:
-- a stale version or an existing row answers false and changes nothing.
create function orleans_membership_insert(
    p_deployment_id text, p_address text, p_port int, p_generation int, p_silo_name text,
    p_host_name text, p_status int, p_proxy_port int, p_start_time timestamptz,
    p_i_am_alive_time timestamptz, p_version int)
returns boolean
language plpgsql as $$
begin
    update orleans_membership_version
       set version = version + 1, updated_at = now()
     where deployment_id = p_deployment_id and version = p_version;
    if not found then
        return false;
    end if;

    insert into orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, start_time, i_am_alive_time)
    values (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
            p_status, coalesce(p_proxy_port, 0), p_start_time, p_i_am_alive_time);
    return true;
exception
    -- The block's implicit savepoint also undoes the version bump above.
    when unique_violation then
        return false;
end $$;

-- Updates a silo row (status, suspicions, liveness) and moves the version on, both or neither, if
-- @Version (the ETag the silo read) is still current.
create function orleans_membership_update(
    p_deployment_id text, p_address text, p_port int, p_generation int, p_status int,
    p_suspect_times text, p_i_am_alive_time timestamptz, p_version int)
returns boolean
language plpgsql as $$
begin
    update orleans_membership_version
       set version = version + 1, updated_at = now()
     where deployment_id = p_deployment_id and version = p_version;
    if not found then
        return false;
    end if;

    update orleans_membership
       set status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     where deployment_id = p_deployment_id and address = p_address and port = p_port and generation = p_generation;
    if not found then
        -- No such silo: raising rolls the block back, version bump included.
        raise no_data_found;
    end if;
    return true;
exception
    when no_data_found then
        return false;
end $$;

insert into orleansquery (querykey, querytext) values
-- Silos call it at start; two starting at once both succeed (one inserts, the other finds the row).
('InsertMembershipVersionKey', $q$
with inserted as (
    insert into orleans_membership_version (deployment_id) values (@DeploymentId)
    on conflict (deployment_id) do nothing
    returning 1)
select exists (select 1 from inserted)
$q$),

('InsertMembershipKey', $q$
select orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                 @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)
$q$),

('UpdateMembershipKey', $q$
select orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status,
                                 @SuspectTimes, @IAmAliveTime, @Version)
$q$),

-- A heartbeat, not a membership change: the version stays.
('UpdateIAmAlivetimeKey', $q$
update orleans_membership
   set i_am_alive_time = @IAmAliveTime
 where deployment_id = @DeploymentId and address = @Address and port = @Port and generation = @Generation
$q$),

-- The provider takes the version from the first row and treats a row without StartTime as "no
-- silo", so the version row is always returned, joined to the silo row if there is one.
('MembershipReadRowKey', $q$
select v.version as "Version", m.address as "Address", m.port as "Port", m.generation as "Generation",
       m.silo_name as "SiloName", m.host_name as "HostName", m.status as "Status",
       m.proxy_port as "ProxyPort", m.suspect_times as "SuspectTimes", m.start_time as "StartTime",
       m.i_am_alive_time as "IAmAliveTime"
  from orleans_membership_version v
  left join orleans_membership m
    on m.deployment_id = v.deployment_id and m.address = @Address and m.port = @Port and m.generation = @Generation
 where v.deployment_id = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
select v.version as "Version", m.address as "Address", m.port as "Port", m.generation as "Generation",
       m.silo_name as "SiloName", m.host_name as "HostName", m.status as "Status",
       m.proxy_port as "ProxyPort", m.suspect_times as "SuspectTimes", m.start_time as "StartTime",
       m.i_am_alive_time as "IAmAliveTime"
  from orleans_membership_version v
  left join orleans_membership m on m.deployment_id = v.deployment_id
 where v.deployment_id = @DeploymentId
$q$),

-- Clients (gateways list); @Status is Active (3).
('GatewaysQueryKey', $q$
select address as "Address", proxy_port as "ProxyPort", generation as "Generation"
  from orleans_membership
 where deployment_id = @DeploymentId and status = @Status and proxy_port > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
delete from orleans_membership_version where deployment_id = @DeploymentId
$q$),

-- Missing upstream for PostgreSQL (dotnet/orleans #8216). Only rows of silos declared Dead (6) and
-- silent since the cutoff go: a silo that is alive, joining or shutting down keeps its row whatever
-- its heartbeat says, so the membership protocol, not this sweep, decides who is gone.
('CleanupDefunctSiloEntriesKey', $q$
delete from orleans_membership
 where deployment_id = @DeploymentId and status = 6 and i_am_alive_time < @IAmAliveTime
$q$);
