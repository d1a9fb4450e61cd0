-- incentive_review: the DPS side. Every select returns the columns in the order ReviewRow reads them.

-- name: GetById
select id, prisoner_number, booking_id, review_time, level_code, review_type, comment, prison_id,
       location_id, reviewed_by, current, audit_module_name, origin
from incentive_review
where id = $1;

-- name: ListByBooking
-- Newest first, as incentives-api lists iepDetails.
select id, prisoner_number, booking_id, review_time, level_code, review_type, comment, prison_id,
       location_id, reviewed_by, current, audit_module_name, origin
from incentive_review
where booking_id = $1
order by review_time desc, id desc;

-- name: LatestBooking
-- The prisoner's latest booking DPS knows of (NOMIS hands out booking ids in increasing order), and
-- the prison of its newest review.
select booking_id, prison_id
from incentive_review
where prisoner_number = $1
order by booking_id desc, review_time desc, id desc
limit 1;

-- name: PrisonerOf
select prisoner_number from incentive_review where id = $1;

-- name: Insert
insert into incentive_review (prisoner_number, booking_id, review_time, level_code, review_type, comment,
                              prison_id, reviewed_by, current, audit_module_name, origin)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
returning id;

-- name: UpdateFromNomis
-- Returns the id only when something changed, so a repeated NOMIS event changes nothing.
update incentive_review
set review_time = $2, level_code = $3, comment = $4, prison_id = $5, reviewed_by = $6, updated_at = now()
where id = $1
  and (review_time, level_code, comment, prison_id, reviewed_by) is distinct from ($2, $3, $4, $5, $6)
returning id;

-- name: Delete
delete from incentive_review where id = $1;

-- name: ClearCurrent
-- Un-current every other review of the booking first: the partial unique index allows one current.
update incentive_review set current = false, updated_at = now()
where booking_id = $1 and current and id <> $2;

-- name: MakeCurrent
update incentive_review set current = true, updated_at = now()
where id = $1 and not current;

-- name: CurrentLevels
-- Reconciliation: the current level of each booking that has one.
select booking_id, level_code
from incentive_review
where booking_id = any($1) and current;

-- name: SyncStatus
-- Every review of the prisoner with its mapping and what the DPS→NOMIS sync wrote, newest first.
select r.id, r.booking_id, r.level_code, r.review_time, r.current, r.origin,
       m.nomis_booking_id, m.nomis_incentive_sequence, m.mapping_type, m.label, m.when_created,
       w.status, w.nomis_booking_id, w.nomis_incentive_sequence, w.detail
from incentive_review r
left join incentive_mapping m on m.incentive_id = r.id
left join incentive_nomis_write w on w.incentive_id = r.id
where r.prisoner_number = $1
order by r.booking_id desc, r.review_time desc, r.id desc;
