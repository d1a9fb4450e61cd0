-- incentive_nomis_write: what the DPS→NOMIS sync wrote to NOMIS, and whether its mapping is recorded.

-- name: Get
select incentive_id, nomis_booking_id, nomis_incentive_sequence, status, detail
from incentive_nomis_write
where incentive_id = $1;

-- name: Upsert
insert into incentive_nomis_write (incentive_id, nomis_booking_id, nomis_incentive_sequence, status, detail)
values ($1, $2, $3, $4, $5)
on conflict (incentive_id) do update
set status = excluded.status, detail = excluded.detail, updated_at = now();

-- name: SetLockTimeout
-- Bounds how long the statements after it in this transaction wait for a lock.
select set_config('lock_timeout', $1, true);
