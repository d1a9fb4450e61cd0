-- other_privilege and prison_level_other_privilege: the IEP_OTH_PRIV codes and their assignment per prison level.

-- name: All
select code, description, active, sequence from other_privilege order by sequence, code;

-- name: One
select code, description, active, sequence from other_privilege where code = $1;

-- name: Insert
-- Without a sequence the privilege goes at the end of the order.
insert into other_privilege (code, description, active, sequence)
values ($1, $2, $3, coalesce($4, (select coalesce(max(sequence), 0) + 1 from other_privilege)))
returning code, description, active, sequence;

-- name: Update
update other_privilege set description = $2, active = $3, sequence = $4, updated_at = now() where code = $1;

-- name: OfPrisonLevel
-- The privileges assigned to a prison level, in the privileges' order.
select p.code, p.description, p.active, p.sequence
from prison_level_other_privilege a
join other_privilege p on p.code = a.privilege_code
where a.prison_id = $1 and a.level_code = $2
order by p.sequence, p.code;

-- name: Unassign
delete from prison_level_other_privilege where prison_id = $1 and level_code = $2 and privilege_code = $3;

-- name: Assign
insert into prison_level_other_privilege (prison_id, level_code, privilege_code) values ($1, $2, $3) on conflict do nothing;
