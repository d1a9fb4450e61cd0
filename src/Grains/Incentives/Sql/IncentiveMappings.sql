-- incentive_mapping: DPS review id <-> NOMIS (booking id, IEP sequence).

-- name: ByIncentiveId
select nomis_booking_id, nomis_incentive_sequence, incentive_id, label, mapping_type, when_created
from incentive_mapping
where incentive_id = $1;

-- name: ByNomisIds
select nomis_booking_id, nomis_incentive_sequence, incentive_id, label, mapping_type, when_created
from incentive_mapping
where nomis_booking_id = $1 and nomis_incentive_sequence = $2;

-- name: Insert
-- Nothing is returned when either side is mapped already: the caller tells a repeat from a conflict.
insert into incentive_mapping (incentive_id, nomis_booking_id, nomis_incentive_sequence, mapping_type, label)
values ($1, $2, $3, $4, $5)
on conflict do nothing
returning incentive_id;

-- name: ReviewOfNomisIds
-- The DPS review a NOMIS IEP is, mapped or written by the DPS→NOMIS sync and still waiting for its mapping.
select incentive_id from incentive_mapping where nomis_booking_id = $1 and nomis_incentive_sequence = $2
union all
select incentive_id from incentive_nomis_write
where nomis_booking_id = $1 and nomis_incentive_sequence = $2 and status = 'MAPPING_PENDING'
limit 1;

-- name: MappedAmong
-- Which of a page of NOMIS keys ($1 booking ids, $2 sequences, pairwise) are mapped, and by which migration.
select m.nomis_booking_id, m.nomis_incentive_sequence, m.label
from incentive_mapping m
join unnest($1::bigint[], $2::bigint[]) as k(booking_id, sequence)
  on m.nomis_booking_id = k.booking_id and m.nomis_incentive_sequence = k.sequence;

-- name: CountByLabel
select count(*) from incentive_mapping where label = $1;
