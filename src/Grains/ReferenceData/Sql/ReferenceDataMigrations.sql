-- reference_data_migration, its per-prison checkpoints and items: the one-time migration of reference data from NOMIS.

-- name: Insert
-- Fails on reference_data_migration_one_running while another run is in progress.
insert into reference_data_migration (migration_id, status, level_codes, prison_ids, privilege_codes) values ($1, 'STARTED', $2, $3, $4);

-- name: Get
select migration_id, status, level_codes, prison_ids, levels_done, attempts, last_error, started_at, ended_at, privilege_codes
from reference_data_migration where migration_id = $1;

-- name: Running
select migration_id from reference_data_migration where status = 'STARTED';

-- name: List
select migration_id, status, level_codes, prison_ids, levels_done, attempts, last_error, started_at, ended_at, privilege_codes
from reference_data_migration order by started_at desc, migration_id desc limit $1;

-- name: DonePrisons
select prison_id from reference_data_migration_prison where migration_id = $1;

-- name: InsertItem
-- No "on conflict": a row recorded twice would be a row migrated twice, and must fail the step.
insert into reference_data_migration_item (migration_id, entity, prison_id, outcome, reason) values ($1, $2, $3, $4, $5);

-- name: LevelsDone
update reference_data_migration set levels_done = true, attempts = 0, last_error = null where migration_id = $1;

-- name: PrisonDone
insert into reference_data_migration_prison (migration_id, prison_id) values ($1, $2);

-- name: ResetAttempts
update reference_data_migration set attempts = 0, last_error = null where migration_id = $1;

-- name: StepFailed
-- Returns the attempts so far, so the grain knows when to give the step up.
update reference_data_migration set attempts = attempts + 1, last_error = $2 where migration_id = $1 returning attempts;

-- name: Complete
update reference_data_migration set status = 'COMPLETED', ended_at = now() where migration_id = $1 and status = 'STARTED';

-- name: Counts
-- Per prison (null: the global step), kind of row (the entity's first segment: level, prison-level, other-privilege,
-- other-privileges) and outcome.
select prison_id, split_part(entity, '/', 1), outcome, count(*)::int from reference_data_migration_item where migration_id = $1
group by prison_id, split_part(entity, '/', 1), outcome;

-- name: NotMigrated
select entity, outcome, reason from reference_data_migration_item
where migration_id = $1 and outcome in ('SKIPPED', 'FAILED') order by entity;
