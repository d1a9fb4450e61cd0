-- name: Lock
-- One pusher of a tenure's account at a time, until the transaction ends (see FinancePushGrain).
select pg_advisory_xact_lock(hashtextextended('finance.account_push/' || $1::text, 0));

-- name: Get
select pushed_version from finance_account_push where account_id = $1;

-- name: RecordPushed
insert into finance_account_push (account_id, pushed_version, pushed_at, attempts, last_error, last_attempt_at)
values ($1, $2, $3, 1, null, $3)
on conflict (account_id) do update
set pushed_version = greatest(finance_account_push.pushed_version, excluded.pushed_version), pushed_at = excluded.pushed_at,
    attempts = finance_account_push.attempts + 1, last_error = null, last_attempt_at = excluded.last_attempt_at;

-- name: RecordFailed
-- Bookkeeping outside the unit of work (the failing delivery must not be recorded consumed).
insert into finance_account_push (account_id, pushed_version, attempts, last_error, last_attempt_at)
values ($1, 0, 1, $2, $3)
on conflict (account_id) do update
set attempts = finance_account_push.attempts + 1, last_error = excluded.last_error, last_attempt_at = excluded.last_attempt_at;

-- name: Pending
-- Accounts whose current version the interim solution was not sent (never pushed, or changed since).
select a.target_id
from finance_account a
left join finance_account_push p on p.account_id = a.id
where coalesce(p.pushed_version, 0) < a.version
order by a.created_at, a.id;

-- name: Counts
select count(*) filter (where coalesce(p.pushed_version, 0) < a.version),
       count(*) filter (where coalesce(p.pushed_version, 0) < a.version and p.last_error is not null)
from finance_account a
left join finance_account_push p on p.account_id = a.id;
