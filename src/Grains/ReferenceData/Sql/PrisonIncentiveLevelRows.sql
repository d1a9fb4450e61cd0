-- prison_incentive_level: the levels of each prison.

-- name: OfPrison
select prison_id, level_code, active, default_on_admission, remand_transfer_limit_in_pence, remand_spend_limit_in_pence,
       convicted_transfer_limit_in_pence, convicted_spend_limit_in_pence, visit_orders, privileged_visit_orders
from prison_incentive_level
where prison_id = $1;

-- name: One
select prison_id, level_code, active, default_on_admission, remand_transfer_limit_in_pence, remand_spend_limit_in_pence,
       convicted_transfer_limit_in_pence, convicted_spend_limit_in_pence, visit_orders, privileged_visit_orders
from prison_incentive_level
where prison_id = $1 and level_code = $2;

-- name: PrisonsWithActiveLevels
select distinct prison_id from prison_incentive_level where active order by prison_id;

-- name: PrisonsWhereActive
select prison_id from prison_incentive_level where level_code = $1 and active order by prison_id;

-- name: Upsert
-- Rows whose default moves are written in one statement per row; the unique default index is checked
-- per statement, so callers clear the old default before setting the new one.
insert into prison_incentive_level (prison_id, level_code, active, default_on_admission, remand_transfer_limit_in_pence,
    remand_spend_limit_in_pence, convicted_transfer_limit_in_pence, convicted_spend_limit_in_pence, visit_orders, privileged_visit_orders)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
on conflict (prison_id, level_code) do update set
    active = excluded.active,
    default_on_admission = excluded.default_on_admission,
    remand_transfer_limit_in_pence = excluded.remand_transfer_limit_in_pence,
    remand_spend_limit_in_pence = excluded.remand_spend_limit_in_pence,
    convicted_transfer_limit_in_pence = excluded.convicted_transfer_limit_in_pence,
    convicted_spend_limit_in_pence = excluded.convicted_spend_limit_in_pence,
    visit_orders = excluded.visit_orders,
    privileged_visit_orders = excluded.privileged_visit_orders,
    updated_at = now();

-- name: PrisonersOnLevel
-- Prisoners whose current review (on their latest booking) is at the level in the prison: rule 202.
select count(distinct r.prisoner_number)
from incentive_review r
where r.current and r.prison_id = $1 and r.level_code = $2
  and r.booking_id = (select max(b.booking_id) from incentive_review b where b.prisoner_number = r.prisoner_number);

-- name: All
select prison_id, level_code, active, default_on_admission, remand_transfer_limit_in_pence, remand_spend_limit_in_pence,
       convicted_transfer_limit_in_pence, convicted_spend_limit_in_pence, visit_orders, privileged_visit_orders
from prison_incentive_level
order by prison_id, level_code;
