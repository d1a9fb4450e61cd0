-- name: Insert
insert into finance_account_change (account_id, changed_at, change, event_type, message_id, account_version, old_values, new_values)
values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb);

-- name: LatestId
select coalesce(max(id), 0) from finance_account_change;

-- name: UpTo
-- The spreadsheet's change log: every change up to the id the accounts sheet was read at, oldest first.
select c.id, c.changed_at, c.change, c.event_type, c.message_id, c.account_id, a.payment_reference, a.target_id,
       c.account_version, c.old_values::text, c.new_values::text
from finance_account_change c
join finance_account a on a.id = c.account_id
where c.id <= $1
order by c.id;
