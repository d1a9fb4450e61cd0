-- name: UpsertReminder
insert into rt_reminder (grain_type, grain_key, name, partition, period, due_at)
values ($1, $2, $3, $4, $5, now() + $6)
on conflict (grain_type, grain_key, name) do update set period = excluded.period, due_at = excluded.due_at;

-- name: DeleteReminder
delete from rt_reminder where grain_type = $1 and grain_key = $2 and name = $3;

-- name: DueReminders
select grain_type, grain_key, name, partition, period, due_at, now()
from rt_reminder
where partition = any($1) and due_at <= now()
order by due_at
limit $2;

-- name: AdvanceReminder
-- The next due time is the first period boundary after now: a tick missed while the cluster was
-- down fires once on recovery, not once per missed period. No-op if re-registered meanwhile.
update rt_reminder
set due_at = due_at + period * (floor(extract(epoch from (now() - due_at)) / extract(epoch from period)) + 1)
where grain_type = $1 and grain_key = $2 and name = $3 and due_at = $4;

-- name: ReminderCounts
-- Only the due ones of the owned partitions: an index range scan, however many reminders exist.
select count(*) as due, count(*) filter (where due_at <= now() - $2) as overdue
from rt_reminder
where partition = any($1) and due_at <= now();

-- name: ListReminders
-- Keyset paging in due order: $1..$4 are the last row of the previous page (all null for the first).
select grain_type, grain_key, name, partition, period, due_at, due_at < now() - $5 as overdue
from rt_reminder
where $1::timestamptz is null or (due_at, grain_type, grain_key, name) > ($1::timestamptz, $2::text, $3::text, $4::text)
order by due_at, grain_type, grain_key, name
limit $6;

-- name: CountReminders
select count(*) from rt_reminder;
