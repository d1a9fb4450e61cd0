-- cas2_transfer_pending: prisoners whose transfer event is failing its lookup right now (the dashboard's pending).

-- name: Record
insert into cas2_transfer_pending (noms_number, event_type, attempts, last_error, last_attempt_at)
values ($1, $2, 1, $3, $4)
on conflict (noms_number) do update
set event_type = excluded.event_type, attempts = cas2_transfer_pending.attempts + 1,
    last_error = excluded.last_error, last_attempt_at = excluded.last_attempt_at;

-- name: Clear
delete from cas2_transfer_pending where noms_number = $1;

-- name: List
select noms_number, event_type, attempts, last_error, last_attempt_at
from cas2_transfer_pending
order by last_attempt_at desc
limit $1;

-- name: Count
select count(*) from cas2_transfer_pending;
