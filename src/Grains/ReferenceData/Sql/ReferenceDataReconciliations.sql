-- reference_data_reconciliation: the persisted reports of the reference-data reconciliation, newest kept.

-- name: Insert
insert into reference_data_reconciliation (trigger, finished_at, levels_checked, prison_levels_checked, mismatch_count, repaired, error, mismatches)
values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb);

-- name: KeepLatest
-- Reports beyond the newest $1 go; the data is small but a schedule runs for years.
delete from reference_data_reconciliation
where report_id not in (select report_id from reference_data_reconciliation order by report_id desc limit $1);

-- name: Latest
select trigger, finished_at, levels_checked, prison_levels_checked, mismatch_count, repaired, error, mismatches::text
from reference_data_reconciliation order by report_id desc limit 1;
