-- name: RenewLeases
-- Only what this silo holds in memory: a row that names us but that we dropped expires and is
-- re-acquired under a new epoch, rather than being kept alive by nobody serving it.
update rt_lease set expires_at = now() + $2 where owner = $1 and partition = any($3) returning partition, epoch;

-- name: AcquireFreeLeases
-- Partitions nobody holds (new, or handed back), at most $3 of them: a silo takes these only up
-- to its fair share. Every acquisition bumps the epoch (the fencing token).
with candidates as (
    select partition from rt_lease
    where owner is null
    order by partition
    limit $3
    for update skip locked
)
update rt_lease l
set owner = $1, epoch = l.epoch + 1, expires_at = now() + $2, acquired_at = now()
from candidates c
where l.partition = c.partition
returning l.partition, l.epoch;

-- name: AcquireExpiredLeases
-- Partitions whose holder stopped renewing (it died or hangs): nobody serves them, so any live
-- silo takes them at once, whatever its share; balance is restored once the dead silo is declared dead.
with candidates as (
    select partition from rt_lease
    where owner is not null and expires_at < now()
    order by partition
    for update skip locked
)
update rt_lease l
set owner = $1, epoch = l.epoch + 1, expires_at = now() + $2, acquired_at = now()
from candidates c
where l.partition = c.partition
returning l.partition, l.epoch;

-- name: ReleaseLease
update rt_lease set owner = null, expires_at = '-infinity' where partition = $1 and owner = $2 and epoch = $3;

-- name: ReleaseAllLeases
update rt_lease set owner = null, expires_at = '-infinity' where owner = $1;

-- name: FenceCheck
-- Holding the lease row FOR SHARE until commit blocks any acquisition (which updates the row)
-- while this transaction is open, so a commit that passed this check cannot race a takeover.
select epoch from rt_lease where partition = $1 and owner = $2 for share;

-- name: LeaseOwners
select l.partition, l.owner, l.epoch, s.address
from rt_lease l left join rt_silo s on s.silo_id = l.owner
where l.owner is not null and l.expires_at > now();
