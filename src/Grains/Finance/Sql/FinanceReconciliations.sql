-- name: Insert
insert into finance_reconciliation (trigger, started_at, finished_at, accounts_checked, missing, different, repaired, errors, mismatches)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb);

-- name: Latest
select trigger, started_at, finished_at, accounts_checked, missing, different, repaired, errors, mismatches::text
from finance_reconciliation
order by id desc
limit 1;
