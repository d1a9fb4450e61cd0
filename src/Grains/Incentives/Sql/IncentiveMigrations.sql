-- incentive_migration and incentive_migration_failure: migration runs and what they could not migrate.

-- name: Insert
insert into incentive_migration (migration_id, from_date, to_date, status, estimated_count)
values ($1, $2, $3, 'STARTED', $4);

-- name: Get
select migration_id, status, from_date, to_date, started_at, finished_at, estimated_count,
       migrated_count, skipped_count, failed_count, next_page, next_offset
from incentive_migration_progress
where migration_id = $1;

-- name: Running
select migration_id from incentive_migration where status = 'STARTED';

-- name: LatestId
select max(migration_id) from incentive_migration;

-- name: History
-- Newest first; $1/$2 bound the start time, $3 keeps only runs with failures.
select migration_id, status, from_date, to_date, started_at, finished_at, estimated_count,
       migrated_count, skipped_count, failed_count, next_page, next_offset
from incentive_migration_progress
where ($1::timestamptz is null or started_at >= $1)
  and ($2::timestamptz is null or started_at <= $2)
  and (not $3 or failed_count > 0)
order by started_at desc, migration_id desc
limit 1000;

-- name: RecordStep
-- After a step: the cursor, the skipped count and completion (migrated and failed are counted from
-- the mappings and failures: incentive_migration_progress).
update incentive_migration
set next_page = $2,
    next_offset = $3,
    estimated_count = coalesce(estimated_count, $4),
    skipped_count = skipped_count + $5,
    status = case when $6 then 'COMPLETED' else status end,
    finished_at = case when $6 then now() else finished_at end
where migration_id = $1 and status = 'STARTED';

-- name: Cancel
update incentive_migration set status = 'CANCELLED', finished_at = now()
where migration_id = $1 and status = 'STARTED';

-- name: RecordFailures
-- $2 booking ids, $3 sequences, $4 reasons, pairwise. A record that fails again keeps its latest reason.
insert into incentive_migration_failure (migration_id, nomis_booking_id, nomis_incentive_sequence, reason)
select $1, f.booking_id, f.sequence, f.reason
from unnest($2::bigint[], $3::bigint[], $4::text[]) as f(booking_id, sequence, reason)
on conflict (migration_id, nomis_booking_id, nomis_incentive_sequence) do update
set reason = excluded.reason, failed_at = now();

-- name: Failures
select nomis_booking_id, nomis_incentive_sequence, reason, failed_at
from incentive_migration_open_failure
where migration_id = $1
order by nomis_booking_id, nomis_incentive_sequence
offset $2 limit $3;
