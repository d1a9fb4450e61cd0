-- Accounting points and their time-dependent rows (tables from migration accounting_points/0001).
-- Written only by the point's grain, inside its fenced unit of work; history is written by triggers.

-- name: SelectPointForUpdate
select id, latitude, longitude from accounting_point where business_id = $1 for update;

-- name: InsertPoint
insert into accounting_point (business_id, latitude, longitude) values ($1, $2, $3) returning id;

-- name: UpdateLocation
update accounting_point set latitude = $2, longitude = $3, recorded_at = now() where id = $1;

-- name: SelectPoint
select id, latitude, longitude, recorded_at from accounting_point where business_id = $1;

-- name: RecordMeteringGridAreas
-- $1 codes, $2 the GSRN naming them; returns the codes that were new.
insert into metering_grid_area (business_id, first_named_by)
select code, $2 from unnest($1::text[]) as code order by code
on conflict (business_id) do nothing
returning business_id;

-- name: RecordEnergySuppliers
insert into energy_supplier (business_id, first_named_by)
select code, $2 from unnest($1::text[]) as code order by code
on conflict (business_id) do nothing
returning business_id;

-- name: LockEndUsers
select id, business_id, entity_type, valid_from, valid_to
from accounting_point_end_user where accounting_point_id = $1 order by valid_from for update;

-- name: InsertEndUsers
insert into accounting_point_end_user (accounting_point_id, business_id, entity_type, valid_from, valid_to)
select $1, u.business_id, u.entity_type, u.valid_from, u.valid_to
from unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) as u(business_id, entity_type, valid_from, valid_to);

-- name: UpdateEndUsers
update accounting_point_end_user r
set business_id = u.business_id, entity_type = u.entity_type, valid_to = u.valid_to, recorded_at = now()
from unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[]) as u(id, business_id, entity_type, valid_to)
where r.id = u.id;

-- name: DeleteEndUsers
delete from accounting_point_end_user where id = any($1::bigint[]);

-- name: LockEnergySuppliers
select id, business_id, valid_from, valid_to
from accounting_point_energy_supplier where accounting_point_id = $1 order by valid_from for update;

-- name: InsertEnergySuppliers
insert into accounting_point_energy_supplier (accounting_point_id, business_id, valid_from, valid_to)
select $1, u.business_id, u.valid_from, u.valid_to
from unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) as u(business_id, valid_from, valid_to);

-- name: UpdateEnergySuppliers
update accounting_point_energy_supplier r
set business_id = u.business_id, valid_to = u.valid_to, recorded_at = now()
from unnest($1::bigint[], $2::text[], $3::timestamptz[]) as u(id, business_id, valid_to)
where r.id = u.id;

-- name: DeleteEnergySuppliers
delete from accounting_point_energy_supplier where id = any($1::bigint[]);

-- name: LockMeteringGridAreas
select id, business_id, valid_from, valid_to
from accounting_point_metering_grid_area where accounting_point_id = $1 order by valid_from for update;

-- name: InsertMeteringGridAreas
insert into accounting_point_metering_grid_area (accounting_point_id, business_id, valid_from, valid_to)
select $1, u.business_id, u.valid_from, u.valid_to
from unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) as u(business_id, valid_from, valid_to);

-- name: UpdateMeteringGridAreas
update accounting_point_metering_grid_area r
set business_id = u.business_id, valid_to = u.valid_to, recorded_at = now()
from unnest($1::bigint[], $2::text[], $3::timestamptz[]) as u(id, business_id, valid_to)
where r.id = u.id;

-- name: DeleteMeteringGridAreas
delete from accounting_point_metering_grid_area where id = any($1::bigint[]);

-- name: EndUsers
select business_id, entity_type, valid_from, valid_to
from accounting_point_end_user where accounting_point_id = $1 order by valid_from;

-- name: EnergySuppliers
select business_id, valid_from, valid_to
from accounting_point_energy_supplier where accounting_point_id = $1 order by valid_from;

-- name: MeteringGridAreas
select business_id, valid_from, valid_to
from accounting_point_metering_grid_area where accounting_point_id = $1 order by valid_from;

-- name: History
-- Every recorded change of one point (by accounting_point.id $1), in the order it happened; the rows
-- of one sync share a recorded_at (the transaction's time) and come point first, then by table.
select kind, operation, recorded_at, id, business_id, entity_type, valid_from, valid_to, latitude, longitude
from (
    select 0 as kind_order, 'accounting_point' as kind, history_id, operation, recorded_at, id, business_id,
           null::text as entity_type, null::timestamptz as valid_from, null::timestamptz as valid_to, latitude, longitude
    from accounting_point_history where id = $1
    union all
    select 1, 'end_user', history_id, operation, recorded_at, id, business_id, entity_type, valid_from, valid_to, null, null
    from accounting_point_end_user_history where accounting_point_id = $1
    union all
    select 2, 'energy_supplier', history_id, operation, recorded_at, id, business_id, null, valid_from, valid_to, null, null
    from accounting_point_energy_supplier_history where accounting_point_id = $1
    union all
    select 3, 'metering_grid_area', history_id, operation, recorded_at, id, business_id, null, valid_from, valid_to, null, null
    from accounting_point_metering_grid_area_history where accounting_point_id = $1
) changes
order by recorded_at, kind_order, history_id
limit $2;
