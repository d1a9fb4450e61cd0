-- Sync bookkeeping (accounting_point_sync): one row per point the system syncs. Written only by the
-- point's grain; read by the sweeper and the status summary. Times are the database's clock.

-- name: MarkStarted
-- Committed on its own before the adapter is called: a start that is never finished is a dead sync.
-- Every start of a tracked point moves its periodic due time to its next slot (now() + $2), so an ad
-- hoc sync counts as the resync; a sync that then fails or dies is retried through next_sync_at.
insert into accounting_point_sync (gsrn, last_sync_start, resync_shard) values ($1, now(), $3)
on conflict (gsrn) do update
set last_sync_start = now(),
    resync_shard = excluded.resync_shard,
    next_resync_at = case when accounting_point_sync.tracked then now() + $2::interval end
returning version, last_sync_start;

-- name: MarkSucceeded
-- The version check is FIS' designed optimistic guard: no other writer finished a sync of this point
-- since this one started (the grain and fencing already ensure it; this makes it a database fact).
update accounting_point_sync
set last_sync_start = null, last_synced_at = now(), data_as_of = $3, valid_from = $4, version = version + 1,
    attempts = 0, last_outcome = 'synced', last_error = null, last_error_at = null
where gsrn = $1 and version = $2
returning version, next_sync_at, sync_requested_at;

-- name: MarkFailed
update accounting_point_sync s
set last_sync_start = null, attempts = s.attempts + 1, last_outcome = $2, last_error = $3, last_error_at = now()
where s.gsrn = $1
returning s.attempts, s.version, s.tracked, exists (select 1 from accounting_point p where p.business_id = s.gsrn) as held;

-- name: DeleteSync
delete from accounting_point_sync where gsrn = $1;

-- name: SelectSync
select gsrn, tracked, resync_period, last_sync_start, last_synced_at, data_as_of, valid_from, version, attempts,
       last_outcome, last_error, last_error_at, next_sync_at, dead_syncs, last_dead_sync_at,
       accounting_point_sync_state(last_sync_start, last_synced_at, attempts, now(), $2::interval, $3::interval, $4) as state,
       exists (select 1 from accounting_point p where p.business_id = s.gsrn) as held
from accounting_point_sync s
where gsrn = $1;

-- name: SetTracked
-- $4: the periodic due time (null when untracked), $5: the point's shard.
insert into accounting_point_sync (gsrn, tracked, resync_period, next_resync_at, resync_shard)
values ($1, $2, $3::interval, $4::timestamptz, $5)
on conflict (gsrn) do update
set tracked = excluded.tracked, resync_period = excluded.resync_period,
    next_resync_at = excluded.next_resync_at, resync_shard = excluded.resync_shard;

-- name: ScheduleSync
-- Asks for a sync at now() + $2. The earlier of that and a sync already scheduled wins, so a burst of
-- requests becomes one sync; sync_requested_at keeps the latest request, so a sync that started before
-- it does not satisfy it. Returns the delay to register the one-off reminder with.
insert into accounting_point_sync as s (gsrn, next_sync_at, next_sync_trigger, sync_requested_at, resync_shard)
values ($1, now() + $2::interval, $3, $4::timestamptz, $5)
on conflict (gsrn) do update
set resync_shard = excluded.resync_shard,
    next_sync_at = least(s.next_sync_at, excluded.next_sync_at),
    next_sync_trigger = case when s.next_sync_at is null or excluded.next_sync_at < s.next_sync_at
                             then excluded.next_sync_trigger else s.next_sync_trigger end,
    sync_requested_at = greatest(s.sync_requested_at, excluded.sync_requested_at)
returning s.next_sync_at, greatest(s.next_sync_at - now(), interval '0');

-- name: TakeScheduledSync
update accounting_point_sync s
set next_sync_at = null, next_sync_trigger = null
from (select gsrn, next_sync_trigger from accounting_point_sync where gsrn = $1 for update) as previous
where s.gsrn = previous.gsrn
returning previous.next_sync_trigger;

-- name: CancelScheduledSync
update accounting_point_sync set next_sync_at = null, next_sync_trigger = null where gsrn = $1;

-- name: RecordDeadSync
-- A start older than the threshold ($2) that never finished: count it as a failed attempt and a dead
-- sync. No-op (no row) if the sync finished meanwhile.
update accounting_point_sync s
set last_sync_start = null, attempts = s.attempts + 1, last_outcome = 'failed',
    last_error = 'dead sync: started at '
        || to_char(previous.last_sync_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' and never finished',
    last_error_at = now(), dead_syncs = s.dead_syncs + 1, last_dead_sync_at = now()
from (select gsrn, last_sync_start from accounting_point_sync where gsrn = $1 for update) as previous
where s.gsrn = previous.gsrn and previous.last_sync_start < now() - $2::interval
returning previous.last_sync_start, s.attempts;

-- name: CountByState
select accounting_point_sync_state(last_sync_start, last_synced_at, attempts, now(), $1::interval, $2::interval, $3) as state,
       count(*)
from accounting_point_sync
group by 1;

-- name: Totals
select now(), count(*), count(*) filter (where tracked), coalesce(sum(dead_syncs), 0)
from accounting_point_sync;

-- name: OldestSync
select gsrn, last_synced_at from accounting_point_sync
where tracked and last_synced_at is not null
order by last_synced_at
limit 1;

-- name: DeadSyncs
select gsrn, last_sync_start, attempts from accounting_point_sync
where last_sync_start < now() - $1::interval
order by last_sync_start
limit $2;

-- name: FailingPoints
select gsrn, attempts, last_outcome, last_error, last_error_at, last_synced_at, next_sync_at
from accounting_point_sync
where attempts >= $1
order by attempts desc, gsrn
limit $2;

-- name: RecentDeadSyncs
select gsrn, last_dead_sync_at, dead_syncs from accounting_point_sync
where last_dead_sync_at > now() - interval '24 hours'
order by last_dead_sync_at desc
limit $1;

-- name: TrackingMismatches
-- Points whose tracking disagrees with their units: a unit was written but its point's grain was not
-- told (the silo died between the two), or the reverse; or whose resync period differs from the one
-- than configured now ($2: MaxAge or ResyncMargin changed).
select gsrn from (
    (select accounting_point_gsrn as gsrn from controllable_unit where status <> 'terminated'
     except
     select gsrn from accounting_point_sync where tracked)
    union
    (select s.gsrn from accounting_point_sync s
     where s.tracked
       and not exists (select 1 from controllable_unit u where u.accounting_point_gsrn = s.gsrn and u.status <> 'terminated'))
    union
    (select gsrn from accounting_point_sync where tracked and resync_period is distinct from $2::interval)
) mismatched
order by gsrn
limit $1;

-- name: DueInShard
-- The shard's ($1) due points, oldest first, at most $3: a one-off sync whose time has come, or (with
-- background sync on, $4) a tracked point past its periodic due time. A point stays due until a sync
-- of it starts, so a missed tick loses nothing. Rows whose stored shard is not below the shard count
-- ($2, it was lowered) are taken by shard (stored mod count) until they rewrite it.
select gsrn from (
    (select gsrn, next_sync_at as due from accounting_point_sync
     where (resync_shard = $1 or (resync_shard >= $2 and resync_shard % $2 = $1)) and next_sync_at <= now()
     order by next_sync_at limit $3)
    union all
    (select gsrn, next_resync_at from accounting_point_sync
     where $4 and tracked and (resync_shard = $1 or (resync_shard >= $2 and resync_shard % $2 = $1)) and next_resync_at <= now()
     order by next_resync_at limit $3)
) due
group by gsrn
order by min(due), gsrn
limit $3;

-- name: DueNow
-- What is due for one point now: the one-off sync, and the periodic resync (tracked points).
select next_sync_at <= now(), tracked and next_resync_at <= now()
from accounting_point_sync
where gsrn = $1;
