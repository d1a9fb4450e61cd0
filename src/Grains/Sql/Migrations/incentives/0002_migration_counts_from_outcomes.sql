-- A migration run's migrated and failed counts are read from what it left instead of being kept:
-- a record whose prisoner call timed out is listed as failed, yet the prisoner's grain may go on
-- and migrate it (Orleans does not cancel a call that timed out), even after the run completed.
-- Counting from the mappings and failures then reports each record once, as what it became.
alter table incentive_migration drop column migrated_count, drop column failed_count;
alter table incentive_migration add constraint incentive_migration_skipped_valid check (skipped_count >= 0);

-- The run's failures that still stand: records it has not migrated since.
create view incentive_migration_open_failure as
select f.*
from incentive_migration_failure f
where not exists (
    select 1 from incentive_mapping m
    where m.label = f.migration_id
      and m.nomis_booking_id = f.nomis_booking_id
      and m.nomis_incentive_sequence = f.nomis_incentive_sequence);

create view incentive_migration_progress as
select r.*,
       (select count(*) from incentive_mapping m where m.label = r.migration_id) as migrated_count,
       (select count(*) from incentive_migration_open_failure f where f.migration_id = r.migration_id) as failed_count
from incentive_migration r;
