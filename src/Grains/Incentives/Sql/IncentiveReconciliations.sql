-- incentive_reconciliation and incentive_reconciliation_mismatch: reconciliation reports.

-- name: Insert
insert into incentive_reconciliation (id, trigger, status) values ($1, $2, 'RUNNING');

-- name: Get
select id, trigger, status, started_at, finished_at, prisoners_checked, mismatch_count, error_count,
       detail, next_page, consecutive_page_failures
from incentive_reconciliation
where id = $1;

-- name: List
select id, trigger, status, started_at, finished_at, prisoners_checked, mismatch_count, error_count,
       detail, next_page, consecutive_page_failures
from incentive_reconciliation
order by started_at desc, id desc
limit $1;

-- name: Mismatches
select prisoner_number, booking_id, nomis_level_code, dps_level_code
from incentive_reconciliation_mismatch
where reconciliation_id = $1
order by prisoner_number, booking_id;

-- name: RecordMismatches
-- $2 prisoner numbers, $3 booking ids, $4 NOMIS levels, $5 DPS levels, pairwise. A page compared again
-- after a crash records nothing twice.
insert into incentive_reconciliation_mismatch (reconciliation_id, prisoner_number, booking_id, nomis_level_code, dps_level_code)
select $1, m.prisoner_number, m.booking_id, m.nomis_level, m.dps_level
from unnest($2::text[], $3::bigint[], $4::text[], $5::text[]) as m(prisoner_number, booking_id, nomis_level, dps_level)
on conflict (reconciliation_id, booking_id) do nothing;

-- name: RecordPage
update incentive_reconciliation
set next_page = $2,
    prisoners_checked = prisoners_checked + $3,
    error_count = error_count + $4,
    mismatch_count = (select count(*) from incentive_reconciliation_mismatch where reconciliation_id = $1),
    consecutive_page_failures = 0,
    status = case when $5 then 'COMPLETED' else status end,
    finished_at = case when $5 then now() else finished_at end
where id = $1 and status = 'RUNNING';

-- name: RecordPageFailure
-- Returns the status after the failure: FAILED once too many pages in a row could not be read.
update incentive_reconciliation
set consecutive_page_failures = consecutive_page_failures + 1,
    detail = $2,
    status = case when consecutive_page_failures + 1 >= $3 then 'FAILED' else status end,
    finished_at = case when consecutive_page_failures + 1 >= $3 then now() else finished_at end
where id = $1 and status = 'RUNNING'
returning status;
