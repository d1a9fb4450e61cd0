-- name: InitCluster
insert into rt_cluster (partition_count) values ($1) on conflict (id) do nothing;

-- name: PartitionCount
select partition_count from rt_cluster where id = 1;

-- name: CreateLeases
insert into rt_lease (partition) select generate_series(0, $1 - 1) on conflict (partition) do nothing;

-- name: RegisterSilo
insert into rt_silo (silo_id, address, host_name) values ($1, $2, $3);

-- name: Heartbeat
update rt_silo set heartbeat_at = now() where silo_id = $1 and status <> 'dead' returning status;

-- name: CountLiveSilos
select count(*) from rt_silo where status = 'active' and heartbeat_at > now() - $1;

-- name: MarkSiloStatus
update rt_silo set status = $2, heartbeat_at = now() where silo_id = $1;

-- name: DeclareDeadSilos
update rt_silo set status = 'dead' where status <> 'dead' and heartbeat_at < now() - $1;

-- name: UpsertSiloStats
insert into rt_silo_stats (silo_id, data) values ($1, $2::jsonb)
on conflict (silo_id) do update set data = excluded.data, updated_at = now();

-- name: ClusterStats
select s.silo_id, s.address, s.host_name, s.started_at, s.heartbeat_at, s.status,
       (select count(*) from rt_lease l where l.owner = s.silo_id and l.expires_at > now()) as partitions,
       st.updated_at, st.data::text
from rt_silo s left join rt_silo_stats st on st.silo_id = s.silo_id
where s.status <> 'dead' or s.heartbeat_at > now() - interval '10 minutes'
order by s.started_at;
