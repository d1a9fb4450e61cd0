-- incentive_reference_nomis_push: what the push to NOMIS last wrote per entity.

-- name: Record
insert into incentive_reference_nomis_push (entity, outcome, pushed) values ($1, $2, $3::jsonb)
on conflict (entity) do update set outcome = excluded.outcome, pushed = excluded.pushed, pushed_at = now();

-- name: Get
select entity, outcome, pushed::text, pushed_at from incentive_reference_nomis_push where entity = $1;
