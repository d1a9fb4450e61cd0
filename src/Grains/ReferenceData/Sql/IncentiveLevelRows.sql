-- incentive_level and incentive_level_policy: the global levels and the policy a new prison level starts from.

-- name: LockReferenceData
-- Every reference-data write takes this lock first (released at commit): the rules span entities
-- (a level and every prison's rows; a prison's default across its levels), and writes are rare.
select pg_advisory_xact_lock(hashtext('incentive-reference-data'));

-- name: All
select code, name, active, required, sequence from incentive_level order by sequence;

-- name: Insert
insert into incentive_level (code, name, active, required, sequence)
values ($1, $2, $3, $4, (select coalesce(max(sequence), 0) + 1 from incentive_level));

-- name: Update
update incentive_level set name = $2, active = $3, required = $4, updated_at = now() where code = $1;

-- name: SetSequence
update incentive_level set sequence = $2, updated_at = now() where code = $1;

-- name: Policies
select level_code, remand_transfer_limit_in_pence, remand_spend_limit_in_pence, convicted_transfer_limit_in_pence,
       convicted_spend_limit_in_pence, visit_orders, privileged_visit_orders
from incentive_level_policy;
