-- Accounting points mirrored from the national datahub (through its adapter), the controllable units
-- that decide which points are synced, the reference data a sync must find, history of every change,
-- and sync bookkeeping. Invariants live here as constraints: a bug in the merge fails the transaction
-- instead of storing overlapping or misaligned periods.

-- Exclusion constraints mixing "=" on a bigint with "&&" on a range need btree_gist (a trusted
-- extension: a database owner may create it).
create extension if not exists btree_gist;

-- FIS only stores period bounds at midnight Europe/Oslo (timeline.midnight_aligned()).
create function accounting_point_is_oslo_midnight(ts timestamptz) returns boolean
language sql immutable strict parallel safe
as $$ select (ts at time zone 'Europe/Oslo')::time = time '00:00' $$;

-- 18 digits, no leading zero, GS1 mod-10 check digit (weights 3,1,3,… from the rightmost payload digit).
create function accounting_point_is_valid_gsrn(value text) returns boolean
language sql immutable strict parallel safe
as $$
    select case
        when value !~ '^[1-9][0-9]{17}$' then false
        else (10 - (select sum(substr(value, i, 1)::int * case when (17 - i) % 2 = 0 then 3 else 1 end)
                    from generate_series(1, 17) as i) % 10) % 10 = substr(value, 18, 1)::int
    end
$$;

-- Reference data: a sync naming a grid area or supplier not listed here fails, naming the code.
create table metering_grid_area (
    business_id text primary key
        constraint metering_grid_area_eic_y check (business_id ~ '^[0-9]{2}Y[0-9A-Z\-]{13}$'),
    name        text,
    created_at  timestamptz not null default now()
);

create table energy_supplier (
    business_id text primary key
        constraint energy_supplier_gln check (business_id ~ '^[1-9][0-9]{12}$'),
    name        text,
    created_at  timestamptz not null default now()
);

create table accounting_point (
    id          bigint generated always as identity primary key,
    business_id text not null unique
        constraint accounting_point_gsrn check (accounting_point_is_valid_gsrn(business_id)),
    latitude    double precision constraint accounting_point_latitude check (latitude between -90 and 90),
    longitude   double precision constraint accounting_point_longitude check (longitude between -180 and 180),
    recorded_at timestamptz not null default now(),
    constraint accounting_point_location_complete check ((latitude is null) = (longitude is null))
);

-- The time-dependent children share one shape: [valid_from, valid_to) with an open end allowed,
-- midnight-aligned bounds, and no two periods of one point overlapping. The exclusion constraints are
-- deferred to commit so the merge may apply its inserts, updates and deletes in any order.
create table accounting_point_end_user (
    id                  bigint generated always as identity primary key,
    accounting_point_id bigint not null references accounting_point (id) on delete cascade,
    business_id         text not null
        constraint accounting_point_end_user_business_id check (business_id ~ '^[1-9][0-9]{8}$|^[0-9]{11}$'),
    entity_type         text
        constraint accounting_point_end_user_entity_type check (entity_type in ('person', 'organisation')),
    valid_from          timestamptz not null,
    valid_to            timestamptz,
    recorded_at         timestamptz not null default now(),
    constraint accounting_point_end_user_valid_range check (valid_to is null or valid_to > valid_from),
    constraint accounting_point_end_user_midnight check (
        accounting_point_is_oslo_midnight(valid_from) and (valid_to is null or accounting_point_is_oslo_midnight(valid_to))),
    constraint accounting_point_end_user_no_overlap exclude using gist (
        accounting_point_id with =, tstzrange(valid_from, valid_to, '[)') with &&) deferrable initially deferred
);

create index accounting_point_end_user_point on accounting_point_end_user (accounting_point_id, valid_from);

create table accounting_point_energy_supplier (
    id                  bigint generated always as identity primary key,
    accounting_point_id bigint not null references accounting_point (id) on delete cascade,
    business_id         text not null references energy_supplier (business_id),
    valid_from          timestamptz not null,
    valid_to            timestamptz,
    recorded_at         timestamptz not null default now(),
    constraint accounting_point_energy_supplier_valid_range check (valid_to is null or valid_to > valid_from),
    constraint accounting_point_energy_supplier_midnight check (
        accounting_point_is_oslo_midnight(valid_from) and (valid_to is null or accounting_point_is_oslo_midnight(valid_to))),
    constraint accounting_point_energy_supplier_no_overlap exclude using gist (
        accounting_point_id with =, tstzrange(valid_from, valid_to, '[)') with &&) deferrable initially deferred
);

create index accounting_point_energy_supplier_point on accounting_point_energy_supplier (accounting_point_id, valid_from);

create table accounting_point_metering_grid_area (
    id                  bigint generated always as identity primary key,
    accounting_point_id bigint not null references accounting_point (id) on delete cascade,
    business_id         text not null references metering_grid_area (business_id),
    valid_from          timestamptz not null,
    valid_to            timestamptz,
    recorded_at         timestamptz not null default now(),
    constraint accounting_point_metering_grid_area_valid_range check (valid_to is null or valid_to > valid_from),
    constraint accounting_point_metering_grid_area_midnight check (
        accounting_point_is_oslo_midnight(valid_from) and (valid_to is null or accounting_point_is_oslo_midnight(valid_to))),
    constraint accounting_point_metering_grid_area_no_overlap exclude using gist (
        accounting_point_id with =, tstzrange(valid_from, valid_to, '[)') with &&) deferrable initially deferred
);

create index accounting_point_metering_grid_area_point on accounting_point_metering_grid_area (accounting_point_id, valid_from);

-- Controllable units (minimal registry): only points with a unit that is not terminated are synced in
-- the background, from the earliest unit's start date.
create table controllable_unit (
    id                    uuid primary key,
    accounting_point_gsrn text not null
        constraint controllable_unit_gsrn check (accounting_point_is_valid_gsrn(accounting_point_gsrn)),
    start_date            date not null,
    status                text not null
        constraint controllable_unit_status check (status in ('new', 'active', 'inactive', 'terminated')),
    recorded_at           timestamptz not null default now()
);

create index controllable_unit_point on controllable_unit (accounting_point_gsrn) where status <> 'terminated';

-- Sync bookkeeping, one row per point the system syncs. Not history: it changes on every attempt.
-- Keyed by GSRN rather than accounting_point.id, because a point that failed its first fetch has a sync
-- row (attempts, error) but no accounting_point row.
create table accounting_point_sync (
    gsrn              text primary key
        constraint accounting_point_sync_gsrn check (accounting_point_is_valid_gsrn(gsrn)),
    tracked           boolean not null default false,
    resync_period     interval,
    last_sync_start   timestamptz,
    last_synced_at    timestamptz,
    data_as_of        timestamptz,
    valid_from        timestamptz,
    version           bigint not null default 0,
    attempts          int not null default 0 constraint accounting_point_sync_attempts check (attempts >= 0),
    last_outcome      text constraint accounting_point_sync_outcome check (last_outcome in ('synced', 'not_found', 'failed')),
    last_error        text,
    last_error_at     timestamptz,
    next_sync_at      timestamptz,
    next_sync_trigger text,
    sync_requested_at timestamptz,
    dead_syncs        int not null default 0,
    last_dead_sync_at timestamptz,
    constraint accounting_point_sync_error_complete check ((last_error is null) = (last_error_at is null))
);

create index accounting_point_sync_running on accounting_point_sync (last_sync_start) where last_sync_start is not null;
create index accounting_point_sync_failing on accounting_point_sync (attempts) where attempts > 0;
create index accounting_point_sync_oldest on accounting_point_sync (last_synced_at) where tracked;
create index accounting_point_sync_dead_found on accounting_point_sync (last_dead_sync_at) where last_dead_sync_at is not null;

-- One definition of a sync row's state, shared by the single-point status and the summary.
create function accounting_point_sync_state(
    last_sync_start timestamptz,
    last_synced_at timestamptz,
    attempts int,
    at timestamptz,
    dead_after interval,
    max_age interval,
    failing_after int) returns text
language sql immutable parallel safe
as $$
    select case
        when last_sync_start is not null and last_sync_start < at - dead_after then 'dead'
        when last_sync_start is not null then 'syncing'
        when attempts >= failing_after then 'failing'
        when attempts > 0 then 'retrying'
        when last_synced_at is null then 'never_synced'
        when last_synced_at < at - max_age then 'stale'
        else 'synced'
    end
$$;

-- History: every insert, update and delete of the mirrored rows and the units, with the time of the
-- transaction that made it (all rows of one sync share it). An insert or update records the new values,
-- a delete the values removed. Written by triggers so no code path can change a row unrecorded.
create table accounting_point_history (
    history_id  bigint generated always as identity primary key,
    operation   text not null check (operation in ('insert', 'update', 'delete')),
    recorded_at timestamptz not null default now(),
    id          bigint not null,
    business_id text not null,
    latitude    double precision,
    longitude   double precision
);

create index accounting_point_history_point on accounting_point_history (business_id, history_id);

create table accounting_point_end_user_history (
    history_id          bigint generated always as identity primary key,
    operation           text not null check (operation in ('insert', 'update', 'delete')),
    recorded_at         timestamptz not null default now(),
    id                  bigint not null,
    accounting_point_id bigint not null,
    business_id         text not null,
    entity_type         text,
    valid_from          timestamptz not null,
    valid_to            timestamptz
);

create index accounting_point_end_user_history_point on accounting_point_end_user_history (accounting_point_id, history_id);

create table accounting_point_energy_supplier_history (
    history_id          bigint generated always as identity primary key,
    operation           text not null check (operation in ('insert', 'update', 'delete')),
    recorded_at         timestamptz not null default now(),
    id                  bigint not null,
    accounting_point_id bigint not null,
    business_id         text not null,
    valid_from          timestamptz not null,
    valid_to            timestamptz
);

create index accounting_point_energy_supplier_history_point on accounting_point_energy_supplier_history (accounting_point_id, history_id);

create table accounting_point_metering_grid_area_history (
    history_id          bigint generated always as identity primary key,
    operation           text not null check (operation in ('insert', 'update', 'delete')),
    recorded_at         timestamptz not null default now(),
    id                  bigint not null,
    accounting_point_id bigint not null,
    business_id         text not null,
    valid_from          timestamptz not null,
    valid_to            timestamptz
);

create index accounting_point_metering_grid_area_history_point on accounting_point_metering_grid_area_history (accounting_point_id, history_id);

create table controllable_unit_history (
    history_id            bigint generated always as identity primary key,
    operation             text not null check (operation in ('insert', 'update', 'delete')),
    recorded_at           timestamptz not null default now(),
    id                    uuid not null,
    accounting_point_gsrn text not null,
    start_date            date not null,
    status                text not null
);

create index controllable_unit_history_unit on controllable_unit_history (id, history_id);

create function accounting_point_audit() returns trigger
language plpgsql as $$
declare
    r accounting_point;
begin
    r := case when tg_op = 'DELETE' then old else new end;
    insert into accounting_point_history (operation, id, business_id, latitude, longitude)
    values (lower(tg_op), r.id, r.business_id, r.latitude, r.longitude);
    return null;
end
$$;

create function accounting_point_end_user_audit() returns trigger
language plpgsql as $$
declare
    r accounting_point_end_user;
begin
    r := case when tg_op = 'DELETE' then old else new end;
    insert into accounting_point_end_user_history (operation, id, accounting_point_id, business_id, entity_type, valid_from, valid_to)
    values (lower(tg_op), r.id, r.accounting_point_id, r.business_id, r.entity_type, r.valid_from, r.valid_to);
    return null;
end
$$;

create function accounting_point_energy_supplier_audit() returns trigger
language plpgsql as $$
declare
    r accounting_point_energy_supplier;
begin
    r := case when tg_op = 'DELETE' then old else new end;
    insert into accounting_point_energy_supplier_history (operation, id, accounting_point_id, business_id, valid_from, valid_to)
    values (lower(tg_op), r.id, r.accounting_point_id, r.business_id, r.valid_from, r.valid_to);
    return null;
end
$$;

create function accounting_point_metering_grid_area_audit() returns trigger
language plpgsql as $$
declare
    r accounting_point_metering_grid_area;
begin
    r := case when tg_op = 'DELETE' then old else new end;
    insert into accounting_point_metering_grid_area_history (operation, id, accounting_point_id, business_id, valid_from, valid_to)
    values (lower(tg_op), r.id, r.accounting_point_id, r.business_id, r.valid_from, r.valid_to);
    return null;
end
$$;

create function controllable_unit_audit() returns trigger
language plpgsql as $$
declare
    r controllable_unit;
begin
    r := case when tg_op = 'DELETE' then old else new end;
    insert into controllable_unit_history (operation, id, accounting_point_gsrn, start_date, status)
    values (lower(tg_op), r.id, r.accounting_point_gsrn, r.start_date, r.status);
    return null;
end
$$;

-- Updates that change nothing are not history.
create trigger accounting_point_audit_insert_delete after insert or delete on accounting_point
    for each row execute function accounting_point_audit();
create trigger accounting_point_audit_update after update on accounting_point
    for each row when (old.* is distinct from new.*) execute function accounting_point_audit();

create trigger accounting_point_end_user_audit_insert_delete after insert or delete on accounting_point_end_user
    for each row execute function accounting_point_end_user_audit();
create trigger accounting_point_end_user_audit_update after update on accounting_point_end_user
    for each row when (old.* is distinct from new.*) execute function accounting_point_end_user_audit();

create trigger accounting_point_energy_supplier_audit_insert_delete after insert or delete on accounting_point_energy_supplier
    for each row execute function accounting_point_energy_supplier_audit();
create trigger accounting_point_energy_supplier_audit_update after update on accounting_point_energy_supplier
    for each row when (old.* is distinct from new.*) execute function accounting_point_energy_supplier_audit();

create trigger accounting_point_metering_grid_area_audit_insert_delete after insert or delete on accounting_point_metering_grid_area
    for each row execute function accounting_point_metering_grid_area_audit();
create trigger accounting_point_metering_grid_area_audit_update after update on accounting_point_metering_grid_area
    for each row when (old.* is distinct from new.*) execute function accounting_point_metering_grid_area_audit();

create trigger controllable_unit_audit_insert_delete after insert or delete on controllable_unit
    for each row execute function controllable_unit_audit();
create trigger controllable_unit_audit_update after update on controllable_unit
    for each row when (old.* is distinct from new.*) execute function controllable_unit_audit();
