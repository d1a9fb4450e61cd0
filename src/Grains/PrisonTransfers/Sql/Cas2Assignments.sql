-- cas2_application_assignment: append-only; an application's current assignment is its latest row.

-- name: Insert
insert into cas2_application_assignment (application_id, prison_code, allocated_pom_user_id, allocated_pom_name, created_at)
values ($1, $2, $3, $4, $5);

-- name: Current
select prison_code, allocated_pom_user_id, allocated_pom_name, created_at
from cas2_application_assignment
where application_id = $1
order by created_at desc, id desc
limit 1;

-- name: OfApplication
-- Oldest first: the order the timeline is built in.
select prison_code, allocated_pom_user_id, allocated_pom_name, created_at
from cas2_application_assignment
where application_id = $1
order by created_at, id;

-- name: Applied
-- Moves (an assignment without a POM) and POM changes (a later assignment with one; the first
-- assignment, made at submission, is neither), with the latest of each.
select count(*) filter (where allocated_pom_user_id is null),
       count(*) filter (where allocated_pom_user_id is not null and not first),
       max(created_at) filter (where allocated_pom_user_id is null),
       max(created_at) filter (where allocated_pom_user_id is not null and not first)
from (select allocated_pom_user_id, created_at,
             row_number() over (partition by application_id order by created_at, id) = 1 as first
      from cas2_application_assignment) assignment;
