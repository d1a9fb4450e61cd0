-- cas2_application: CAS2 applications. Every select of an application returns the columns in the order
-- Cas2ApplicationRows reads them: the application, then its current assignment (the latest row), then
-- whether it ever was in more than one prison.

-- name: Insert
-- The caller's id makes a repeated create a no-op (nothing returned).
insert into cas2_application (id, noms_number, crn, person_name, created_by_user_id, created_by_user_name,
                              referring_prison_code, status, created_at)
values ($1, $2, $3, $4, $5, $6, $7, 'IN_PROGRESS', $8)
on conflict (id) do nothing
returning id;

-- name: Get
select a.id, a.noms_number, a.crn, a.person_name, a.created_by_user_id, a.created_by_user_name,
       a.referring_prison_code, a.status, a.created_at, a.submitted_at,
       c.prison_code, c.allocated_pom_user_id, c.allocated_pom_name, c.created_at,
       (select count(distinct x.prison_code) from cas2_application_assignment x where x.application_id = a.id) > 1,
       0::bigint
from cas2_application a
left join lateral (
    select prison_code, allocated_pom_user_id, allocated_pom_name, created_at
    from cas2_application_assignment
    where application_id = a.id
    order by created_at desc, id desc
    limit 1) c on true
where a.id = $1;

-- name: Submit
-- Returns the id only when it changed, so a repeated submit changes nothing.
update cas2_application set status = 'SUBMITTED', submitted_at = $2
where id = $1 and status = 'IN_PROGRESS'
returning id;

-- name: SubmittedOfPrisoner
-- The prisoner's submitted applications: the ones a move or a POM allocation follows.
select id from cas2_application
where noms_number = $1 and status = 'SUBMITTED'
order by submitted_at, id;

-- name: MoveToPrisoner
-- A merge: the removed number's applications belong to the remaining one (their assignments follow by id).
update cas2_application set noms_number = $2
where noms_number = $1
returning id;

-- name: List
-- $1 the assignment type, $2 the user, $3 the caseload (prison), $4 limit, $5 offset; newest first.
-- The last column is the total of the filter, so a page and its count come in one round trip.
select a.id, a.noms_number, a.crn, a.person_name, a.created_by_user_id, a.created_by_user_name,
       a.referring_prison_code, a.status, a.created_at, a.submitted_at,
       c.prison_code, c.allocated_pom_user_id, c.allocated_pom_name, c.created_at,
       (select count(distinct x.prison_code) from cas2_application_assignment x where x.application_id = a.id) > 1,
       count(*) over ()
from cas2_application a
left join lateral (
    select prison_code, allocated_pom_user_id, allocated_pom_name, created_at
    from cas2_application_assignment
    where application_id = a.id
    order by created_at desc, id desc
    limit 1) c on true
where case $1::text
    when 'ALLOCATED' then a.status = 'SUBMITTED' and c.allocated_pom_user_id = $2::text
    when 'DEALLOCATED' then a.status = 'SUBMITTED' and c.allocated_pom_user_id is distinct from $2::text
        and exists (select 1 from cas2_application_assignment x where x.application_id = a.id and x.allocated_pom_user_id = $2::text)
    when 'IN_PROGRESS' then a.status = 'IN_PROGRESS' and a.created_by_user_id = $2::text
    when 'PRISON' then a.status = 'SUBMITTED' and c.prison_code = $3::text and c.allocated_pom_user_id is not null
    when 'UNALLOCATED' then a.status = 'SUBMITTED' and c.prison_code = $3::text and c.allocated_pom_user_id is null
    else false
end
order by a.created_at desc, a.id desc
limit $4 offset $5;

-- name: Counts
select (select count(*) from cas2_application),
       (select count(*) from cas2_application where status = 'SUBMITTED'),
       (select count(*) from cas2_prisoner_merge);

-- name: HasMerged
select noms_number from cas2_prisoner_merge where removed_noms_number = $1;

-- name: RecordMerge
insert into cas2_prisoner_merge (removed_noms_number, noms_number, applications_moved, merged_at)
values ($1, $2, $3, $4)
on conflict (removed_noms_number) do nothing;
