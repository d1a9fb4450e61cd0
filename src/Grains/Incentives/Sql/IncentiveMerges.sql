-- A prisoner merge (prison-offender-events.prisoner.merged) in the incentives domain: the removed NOMS
-- number's reviews move to the remaining one and its booking, as incentives-api's mergedPrisonerDetails
-- does, each with an audit row PRISONER_NUMBER_MERGE.

-- name: ClearMovedCurrent
-- $1 removed number, $2 the remaining booking. The remaining booking keeps its own current review; if it
-- has none, the newest current review that moves stays current. Run before MoveReviews, so the one
-- current review per booking index never sees two.
update incentive_review r
set current = false, updated_at = now()
where r.prisoner_number = $1 and r.current
  and (exists (select 1 from incentive_review k where k.booking_id = $2 and k.current and k.prisoner_number <> $1)
       or r.id <> (select m.id from incentive_review m where m.prisoner_number = $1 and m.current
                   order by m.review_time desc, m.id desc limit 1));

-- name: MoveReviews
-- $1 removed number, $2 remaining number, $3 remaining booking (null: bookings unchanged).
update incentive_review
set prisoner_number = $2, booking_id = coalesce($3::bigint, booking_id), updated_at = now()
where prisoner_number = $1
returning id, review_time;

-- name: Audit
insert into incentive_review_audit (incentive_id, change_type, removed_prisoner_number, prisoner_number, booking_id, changed_at)
values ($1, 'PRISONER_NUMBER_MERGE', $2, $3, $4, $5);

-- name: AuditOf
select change_type, removed_prisoner_number, prisoner_number, booking_id, changed_at
from incentive_review_audit
where incentive_id = $1
order by id;

-- name: BookingOf
select booking_id from incentive_review where id = $1;
