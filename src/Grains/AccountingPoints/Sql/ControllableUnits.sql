-- Controllable units (controllable_unit). Written only by the unit's grain; read by its point's grain.

-- name: SelectUnit
select id, accounting_point_gsrn, start_date, status, recorded_at from controllable_unit where id = $1;

-- name: LockUnit
select id, accounting_point_gsrn, start_date, status, recorded_at from controllable_unit where id = $1 for update;

-- name: UpsertUnit
insert into controllable_unit (id, accounting_point_gsrn, start_date, status) values ($1, $2, $3, $4)
on conflict (id) do update set start_date = excluded.start_date, status = excluded.status, recorded_at = now()
returning recorded_at;

-- name: PointUnits
-- The units that make a point tracked, and the earliest start: the point is fetched from that day.
select min(start_date), count(*) from controllable_unit where accounting_point_gsrn = $1 and status <> 'terminated';
